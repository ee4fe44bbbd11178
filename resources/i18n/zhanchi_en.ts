<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Application</name>
    <message>
        <source>展翅柜台</source>
        <translation>Zhanchi Counter</translation>
    </message>
    <message>
        <source>
请联系管理员导入这个数据文件夹的密钥。不要删除数据文件夹。</source>
        <translation>
Ask the administrator to import this data folder&apos;s key. Do not delete the data folder.</translation>
    </message>
    <message>
        <source>数据库已损坏，正在检查备份…</source>
        <translation>The database is damaged; checking the backups…</translation>
    </message>
    <message>
        <source>
没有可用的备份。请联系管理员，不要删除数据文件夹。</source>
        <translation>
No usable backup was found. Please call the administrator and do not delete the data folder.</translation>
    </message>
    <message>
        <source>

是否用最近一次完好的备份（%1）恢复？损坏的文件会保留，不会删除。</source>
        <translation>

Restore the newest sound backup (%1)? The damaged file is kept, not deleted.</translation>
    </message>
    <message>
        <source>正在从备份恢复数据库…</source>
        <translation>Restoring the database from the backup…</translation>
    </message>
    <message>
        <source>正在升级数据库：先完整备份，已复制 %1%，数据多时需要几分钟，请勿关闭…</source>
        <translation>Upgrading the database: backing it up first, %1% copied (minutes with much data), do not close…</translation>
    </message>
    <message>
        <source>正在升级数据库：正在检查备份是否完好，请勿关闭…</source>
        <translation>Upgrading the database: checking the backup is sound, do not close…</translation>
    </message>
    <message>
        <source>正在升级数据库：正在加密数据库，已完成 %1%，请勿关闭…</source>
        <translation>Upgrading the database: encrypting it, %1% done; please do not close…</translation>
    </message>
    <message>
        <source>正在升级数据库：正在加密备份文件，已完成 %1%，请勿关闭…</source>
        <translation>Upgrading the database: encrypting the backups, %1% done; please do not close…</translation>
    </message>
    <message>
        <source>正在升级数据库：正在更新数据结构，请勿关闭…</source>
        <translation>Upgrading the database: updating its structure, do not close…</translation>
    </message>
    <message>
        <source>正在打开数据文件夹（升级数据库时需要几分钟），请稍候…</source>
        <translation>Opening the data folder (an upgrade takes minutes), please wait…</translation>
    </message>
    <message>
        <source>打开数据文件夹时出现内部错误，已记录日志</source>
        <translation>An internal error occurred while opening the data folder; it has been logged</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>存疑理由</source>
        <translation>Dispute reason</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>发放批次</source>
        <translation>Payment batches</translation>
    </message>
    <message>
        <source>公示批次</source>
        <translation>Notice batches</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>开户银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>户名</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <source>公示起</source>
        <translation>Notice from</translation>
    </message>
    <message>
        <source>公示止</source>
        <translation>Notice to</translation>
    </message>
    <message>
        <source>工作日</source>
        <translation>Working days</translation>
    </message>
    <message>
        <source>暂定</source>
        <translation>Provisional</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>已解除</source>
        <translation>Cleared</translation>
    </message>
    <message>
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>结果文件</source>
        <translation>Result file</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>到账</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>异议人</source>
        <translation>Objector</translation>
    </message>
    <message>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>答复异议</source>
        <translation>Objections answered</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>认定事实</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>失败次数</source>
        <translation>Failed attempts</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>本机构</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>诚信档案</source>
        <translation>Integrity record</translation>
    </message>
    <message>
        <source>审计记录</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>文书</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>政策推送</source>
        <translation>Outreach</translation>
    </message>
    <message>
        <source>待发布</source>
        <translation>Not yet published</translation>
    </message>
    <message>
        <source>公示中</source>
        <translation>On notice</translation>
    </message>
    <message>
        <source>已导出待回盘</source>
        <translation>Exported, awaiting the bank</translation>
    </message>
    <message>
        <source>已回盘</source>
        <translation>Settled</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Review passed</translation>
    </message>
    <message>
        <source>发布公示</source>
        <translation>Notice published</translation>
    </message>
    <message>
        <source>查询 (Ctrl+R)</source>
        <translation>Search (Ctrl+R)</translation>
    </message>
    <message>
        <source>公示期满</source>
        <translation>Period ended</translation>
    </message>
    <message>
        <source>审批</source>
        <translation>Approval</translation>
    </message>
    <message>
        <source>导出发放</source>
        <translation>Exported for payment</translation>
    </message>
    <message>
        <source>发放到账</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>审计</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>校验审计记录</source>
        <translation>Verify the audit trail</translation>
    </message>
    <message>
        <source>操作日志</source>
        <translation>Operation log</translation>
    </message>
    <message>
        <source>案件追溯</source>
        <translation>Case trail</translation>
    </message>
    <message>
        <source>按人员筛选</source>
        <translation>Filter by staff</translation>
    </message>
    <message>
        <source>全部人员</source>
        <translation>All staff</translation>
    </message>
    <message>
        <source>受理编号（不填为全部）</source>
        <translation>Case number (empty for all)</translation>
    </message>
    <message>
        <source>导出CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>申请人 %1</source>
        <translation>Applicant %1</translation>
    </message>
    <message>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <source>%1件</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>变更前：</source>
        <translation>Before: </translation>
    </message>
    <message>
        <source>变更后：</source>
        <translation>After: </translation>
    </message>
    <message>
        <source>显示最近%1条（较早的记录请缩小日期范围或按人员、案件筛选）</source>
        <translation>Showing the latest %1 (for earlier entries narrow the dates or filter by staff or case)</translation>
    </message>
    <message>
        <source>共%1条，按时间先后排列</source>
        <translation>%1 entries, oldest first</translation>
    </message>
    <message>
        <source>没有符合条件的记录</source>
        <translation>No entries match</translation>
    </message>
    <message>
        <source>✔ 审计记录完整：共%1条，哈希链校验通过，各案件金额和收款账户与记录一致；%2</source>
        <translation>✔ Audit trail intact: %1 entries, hash chain verified, every case&apos;s amount and payee account match the record; %2</translation>
    </message>
    <message>
        <source>✘ 审计记录异常：%1（第%2条起不可信）</source>
        <translation>✘ Audit trail damaged: %1 (not to be trusted from entry %2)</translation>
    </message>
    <message>
        <source>导出操作日志</source>
        <translation>Export the operation log</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>已导出%1条到 %2（身份证号、账号、电话号码已部分隐去；本次导出已记入审计记录）</source>
        <translation>Exported %1 entries to %2 (ID, account and phone numbers partly hidden; the export is in the audit trail)</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>From date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>To date</translation>
    </message>
    <message>
        <source>输入受理编号，回车查询</source>
        <translation>Type a case number and press Enter</translation>
    </message>
    <message>
        <source>追溯</source>
        <translation>Trace</translation>
    </message>
    <message>
        <source>打开案件</source>
        <translation>Open case</translation>
    </message>
    <message>
        <source>查看该案全部日志</source>
        <translation>Whole log of the case</translation>
    </message>
    <message>
        <source>经办人与时间</source>
        <translation>Who and when</translation>
    </message>
    <message>
        <source>适用政策</source>
        <translation>Policy</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>办理环节</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>批次 %1</source>
        <translation>Batch %1</translation>
    </message>
    <message>
        <source>公示期 %1 至 %2</source>
        <translation>Notice %1 to %2</translation>
    </message>
    <message>
        <source>说明：%1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <source>请输入受理编号</source>
        <translation>Please type a case number</translation>
    </message>
    <message>
        <source>输入受理编号，查看经办全过程与防篡改校验</source>
        <translation>Type a case number to see every step and the tamper check</translation>
    </message>
    <message>
        <source>✔ 未被篡改：审计链完整（%1）；案件数据与审计记录逐项一致</source>
        <translation>✔ Not altered: audit chain intact (%1); the case matches its audit entries field by field</translation>
    </message>
    <message>
        <source>审计链异常：%1</source>
        <translation>Audit chain damaged: %1</translation>
    </message>
    <message>
        <source>案件数据与审计记录不一致的字段：%1</source>
        <translation>Fields that differ from the audit entries: %1</translation>
    </message>
</context>
<context>
    <name>BackOffice</name>
    <message>
        <source>同一账户为多人收款</source>
        <translation>One account receives for several applicants</translation>
    </message>
    <message>
        <source>账户户名与申请人不符</source>
        <translation>Account holder is not the applicant</translation>
    </message>
    <message>
        <source>证书编号重复使用</source>
        <translation>Certificate number used in another case</translation>
    </message>
    <message>
        <source>申报等级与证书编号不符</source>
        <translation>Declared level differs from the certificate number</translation>
    </message>
    <message>
        <source>评价机构短期发证异常</source>
        <translation>Unusually many certificates from one assessment body</translation>
    </message>
    <message>
        <source>用人单位短期取证异常</source>
        <translation>Unusually many certificates at one employer</translation>
    </message>
    <message>
        <source>申请人列入诚信档案</source>
        <translation>Applicant is on the integrity list</translation>
    </message>
    <message>
        <source>用人单位列入诚信档案</source>
        <translation>Employer is on the integrity list</translation>
    </message>
    <message>
        <source>按 Y 确认；Enter 或 Esc 取消</source>
        <translation>Press Y to confirm; Enter or Esc to cancel</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>公示</source>
        <translation>Public notice</translation>
    </message>
    <message>
        <source>发放</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Figures</translation>
    </message>
    <message>
        <source>审计</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>人员管理</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>操作未完成：程序内部错误，已记录日志，请联系管理员</source>
        <translation>Not done: internal error, logged; please contact the administrator</translation>
    </message>
    <message>
        <source>刷新 (Ctrl+R)</source>
        <translation>Refresh (Ctrl+R)</translation>
    </message>
    <message>
        <source>正在办理：</source>
        <translation>Working on: </translation>
    </message>
</context>
<context>
    <name>CardReaderControl</name>
    <message>
        <source>本机未设置身份证阅读器：请在“设置”中选择读卡器，或直接输入身份证号码</source>
        <translation>No ID card reader is set up on this computer: choose one in Settings, or type the ID number</translation>
    </message>
</context>
<context>
    <name>CaseAction</name>
    <message>
        <source>新建案件</source>
        <translation>Case created</translation>
    </message>
    <message>
        <source>受理案件</source>
        <translation>Case accepted</translation>
    </message>
    <message>
        <source>撤回案件</source>
        <translation>Case withdrawn</translation>
    </message>
    <message>
        <source>开始审核</source>
        <translation>Review started</translation>
    </message>
    <message>
        <source>驳回案件</source>
        <translation>Case rejected</translation>
    </message>
    <message>
        <source>公示案件</source>
        <translation>Put on public notice</translation>
    </message>
    <message>
        <source>处理公示异议</source>
        <translation>Objection handled</translation>
    </message>
    <message>
        <source>审批</source>
        <translation>Case approved</translation>
    </message>
    <message>
        <source>办理发放</source>
        <translation>Payment made</translation>
    </message>
    <message>
        <source>重新发放</source>
        <translation>Payment retried</translation>
    </message>
    <message>
        <source>打印受理回执</source>
        <translation>Printed the receipt</translation>
    </message>
    <message>
        <source>打印一次性告知书</source>
        <translation>Printed the missing-documents notice</translation>
    </message>
    <message>
        <source>打印审核决定书</source>
        <translation>Printed the decision</translation>
    </message>
    <message>
        <source>打印发放失败补正通知书</source>
        <translation>Print payment failure correction notice</translation>
    </message>
    <message>
        <source>打印申请撤回确认书</source>
        <translation>Print withdrawal confirmation</translation>
    </message>
</context>
<context>
    <name>CaseDetailPage</name>
    <message>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>开始审核</source>
        <translation>Start review</translation>
    </message>
    <message>
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>重新发放</source>
        <translation>Retry payment</translation>
    </message>
    <message>
        <source>职业技能等级证书</source>
        <translation>Skill level certificate</translation>
    </message>
    <message>
        <source>职业资格证书</source>
        <translation>Qualification certificate</translation>
    </message>
    <message>
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <source>社会保障卡</source>
        <translation>Social security card</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Pass review</translation>
    </message>
    <message>
        <source>登记异议</source>
        <translation>Record objection</translation>
    </message>
    <message>
        <source>确认收款账户变更</source>
        <translation>Confirm payee change</translation>
    </message>
    <message>
        <source>不采纳账户变更</source>
        <translation>Decline payee change</translation>
    </message>
    <message>
        <source>说明或理由：驳回、重新发放时必填；存疑或有异议的案件审核通过时必填</source>
        <translation>Note or reason: required to reject or re-queue a payment, and to pass a disputed case or one with an objection</translation>
    </message>
    <message>
        <source>办理说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>您的角色在此状态下无可办理事项</source>
        <translation>Your role has nothing to do on a case in this state</translation>
    </message>
    <message>
        <source>说明(&amp;N)</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>信用代码</source>
        <translation>Credit code</translation>
    </message>
    <message>
        <source>证书</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>证书种类</source>
        <translation>Certificate type</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>职业（工种）</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>核发日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>补贴与发放</source>
        <translation>Subsidy and payment</translation>
    </message>
    <message>
        <source>补贴金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>核验结果</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>适用政策</source>
        <translation>Policy</translation>
    </message>
    <message>
        <source>发放方式</source>
        <translation>Paid to</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <source>开户银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>户名</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <source>受理与审核</source>
        <translation>Intake and review</translation>
    </message>
    <message>
        <source>申请日期</source>
        <translation>Application date</translation>
    </message>
    <message>
        <source>参保情况</source>
        <translation>Insurance record</translation>
    </message>
    <message>
        <source>受理人、时间</source>
        <translation>Accepted by</translation>
    </message>
    <message>
        <source>查询码</source>
        <translation>Lookup code</translation>
    </message>
    <message>
        <source>最近说明</source>
        <translation>Latest note</translation>
    </message>
    <message>
        <source>办理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>出具文书</source>
        <translation>Documents issued</translation>
    </message>
    <message>
        <source>出具文书（回执、告知书、决定书及补打）</source>
        <translation>Documents issued (receipts, notices, decisions, reprints)</translation>
    </message>
    <message>
        <source>打印/补打回执</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>打印一次性告知书</source>
        <translation>Print missing-documents notice</translation>
    </message>
    <message>
        <source>打印决定书</source>
        <translation>Print decision</translation>
    </message>
    <message>
        <source>打印补正通知书</source>
        <translation>Print correction notice</translation>
    </message>
    <message>
        <source>打印撤回确认书</source>
        <translation>Print withdrawal confirmation</translation>
    </message>
    <message>
        <source>申请材料</source>
        <translation>Application documents</translation>
    </message>
    <message>
        <source>已收取</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>信息共享核验</source>
        <translation>Verified through data sharing</translation>
    </message>
    <message>
        <source>尚缺材料</source>
        <translation>Still missing</translation>
    </message>
    <message>
        <source>勾选申请人补交的材料</source>
        <translation>Tick the documents the applicant has now handed in</translation>
    </message>
    <message>
        <source>登记补正材料</source>
        <translation>Record documents handed in</translation>
    </message>
    <message>
        <source>打印失败，请重试</source>
        <translation>Printing failed, please try again</translation>
    </message>
    <message>
        <source>未选择案件</source>
        <translation>No case selected</translation>
    </message>
    <message>
        <source>当前状态：</source>
        <translation>Current status: </translation>
    </message>
    <message>
        <source>自 %1 起</source>
        <translation>Since %1</translation>
    </message>
    <message>
        <source>&#x3000;⚠ 存疑受理：核验结果为不符合条件，受理理由“%1”，待审核人复核</source>
        <translation>  ⚠ Accepted although not eligible, reason: “%1”; awaiting the reviewer</translation>
    </message>
    <message>
        <source>（紧缺职业）</source>
        <translation> (shortage occupation)</translation>
    </message>
    <message>
        <source>✔ 符合条件</source>
        <translation>✔ Eligible</translation>
    </message>
    <message>
        <source>✘ 不符合条件</source>
        <translation>✘ Not eligible</translation>
    </message>
    <message>
        <source>%1，累计缴费 %2 个月</source>
        <translation>%1, %2 months of contributions</translation>
    </message>
    <message>
        <source>尚未受理</source>
        <translation>Not accepted yet</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>无（未通过信息共享核验任何信息）</source>
        <translation>None (nothing was verified through data sharing)</translation>
    </message>
    <message>
        <source>经办人 %1</source>
        <translation>By %1</translation>
    </message>
    <message>
        <source>说明：%1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <source>⚠ 非参保地受理，待人工核实（%1）：%2</source>
        <translation>⚠ Filed outside the insured area, to be checked (%1): %2</translation>
    </message>
    <message>
        <source>⚠ 中心系统发现重复申领（%1）：%2</source>
        <translation>⚠ The central system found a duplicate claim (%1): %2</translation>
    </message>
    <message>
        <source>重复申领（已处理，%1）：%2</source>
        <translation>Duplicate claim (dealt with, %1): %2</translation>
    </message>
    <message>
        <source>⚠ 收款账户变更待另一人确认：%1（%2于%3提出：%4）</source>
        <translation>⚠ Payee change awaiting a second person: %1 (proposed by %2 at %3: %4)</translation>
    </message>
    <message>
        <source>尚无出具文书的记录</source>
        <translation>No documents issued yet</translation>
    </message>
    <message>
        <source>请勾选申请人本次补交的材料</source>
        <translation>Tick the documents the applicant handed in this time</translation>
    </message>
    <message>
        <source>正在办理：%1…</source>
        <translation>In progress: %1…</translation>
    </message>
    <message>
        <source>暂不受理（保持待补正）</source>
        <translation>Do not accept yet (keep waiting for documents)</translation>
    </message>
    <message>
        <source>未受理：案件保持待补正。申请人补齐材料后，勾选并登记补正，再受理</source>
        <translation>Not accepted: the case keeps waiting for documents. When the applicant hands them in, tick and record them, then accept</translation>
    </message>
    <message>
        <source>已办理：%1，案件现为“%2”</source>
        <translation>Done: %1. The case is now “%2”.</translation>
    </message>
    <message>
        <source>操作未完成：程序内部错误，已记录日志，请联系管理员</source>
        <translation>Not done: internal error (logged). Please contact the administrator.</translation>
    </message>
</context>
<context>
    <name>CaseState</name>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>审核中</source>
        <translation>Under review</translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>公示中</source>
        <translation>On public notice</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>已发放</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>发放失败</source>
        <translation>Payment failed</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>一级</source>
        <translation>Level 1</translation>
    </message>
    <message>
        <source>二级</source>
        <translation>Level 2</translation>
    </message>
    <message>
        <source>三级</source>
        <translation>Level 3</translation>
    </message>
    <message>
        <source>四级</source>
        <translation>Level 4</translation>
    </message>
    <message>
        <source>五级</source>
        <translation>Level 5</translation>
    </message>
    <message>
        <source>%1 元</source>
        <translation>¥%1</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>职业（工种）</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>补贴金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>申请日期</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>程序内部错误，已记录日志，请联系管理员</source>
        <translation>Internal error (logged). Please contact the administrator.</translation>
    </message>
    <message>
        <source>核验结果为不符合条件，经填写理由后受理，待审核人复核</source>
        <translation>Not eligible on verification; accepted with a reason, awaiting the reviewer</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>（存疑受理）</source>
        <translation> (disputed)</translation>
    </message>
</context>
<context>
    <name>CoreErrors</name>
    <message>
        <source>{role}无权{action}</source>
        <translation>A {role} may not {action}</translation>
    </message>
    <message>
        <source>受理人不得审批本人受理的案件</source>
        <translation>The clerk who accepted a case may not approve it</translation>
    </message>
    <message>
        <source>不能撤销本人记录的诚信档案，须由另一名工作人员核实后撤销</source>
        <translation>You cannot revoke an integrity record you made yourself; another member of staff must verify and revoke it</translation>
    </message>
    <message>
        <source>收款账户变更须由提出人（{proposer}）以外的另一人确认</source>
        <translation>A change of payee account must be confirmed by someone other than its proposer ({proposer})</translation>
    </message>
    <message>
        <source>账户 {username} 已停用或已不是管理员，无权{action}</source>
        <translation>Account {username} is disabled or no longer an administrator and may not {action}</translation>
    </message>
    <message>
        <source>账户 {username} 不存在或已停用，不能打印</source>
        <translation>Account {username} does not exist or is disabled and may not print</translation>
    </message>
    <message>
        <source>账户 {username} 不存在或已停用，不能打印报表</source>
        <translation>Account {username} does not exist or is disabled and may not print reports</translation>
    </message>
    <message>
        <source>{role}无权打印案件文书（打印件含个人信息，仅限经办、审核、审批人员和科长）</source>
        <translation>A {role} may not print case documents (they carry personal data: clerks, reviewers, approvers and section chiefs only)</translation>
    </message>
    <message>
        <source>{role}无权打印公示名单（打印件含个人信息，仅限经办、审核、审批人员和科长）</source>
        <translation>A {role} may not print publicity lists (they carry personal data: clerks, reviewers, approvers and section chiefs only)</translation>
    </message>
    <message>
        <source>{role}无权打印外出受理对账单（打印件含个人信息，仅限经办、审核、审批人员和科长）</source>
        <translation>A {role} may not print field reconciliation sheets (they carry personal data: clerks, reviewers, approvers and section chiefs only)</translation>
    </message>
    <message>
        <source>{role}无权打印告知名单（打印件含个人信息，仅限经办、审核、审批人员和科长）</source>
        <translation>A {role} may not print notification lists (they carry personal data: clerks, reviewers, approvers and section chiefs only)</translation>
    </message>
    <message>
        <source>未找到案件：{case}</source>
        <translation>No case found: {case}</translation>
    </message>
    <message>
        <source>案件 {case_no} 已被他人修改，请刷新后重试</source>
        <translation>Case {case_no} was changed by someone else meanwhile; refresh and try again</translation>
    </message>
    <message>
        <source>案件当前状态为“{state}”，不能受理</source>
        <translation>The case is “{state}” and cannot be accepted</translation>
    </message>
    <message>
        <source>案件当前状态为“{state}”，不能改为“{to}”</source>
        <translation>The case is “{state}” and cannot become “{to}”</translation>
    </message>
    <message>
        <source>驳回须写明理由</source>
        <translation>A rejection must give its reason</translation>
    </message>
    <message>
        <source>核验结果为不符合条件，如仍要受理，须填写受理理由</source>
        <translation>The verification found the applicant not eligible: to accept the case anyway, give the reason</translation>
    </message>
    <message>
        <source>案件 {case_no} 当前状态为“{state}”，不在审核中</source>
        <translation>Case {case_no} is “{state}”, not under review</translation>
    </message>
    <message>
        <source>未找到公示批次：{batch}</source>
        <translation>No publicity batch found: {batch}</translation>
    </message>
    <message>
        <source>没有待公示的案件（审核通过且未列入公示批次的案件）</source>
        <translation>No cases to publicize (cases passed at review and not in a publicity batch yet)</translation>
    </message>
    <message>
        <source>案件 {case_no} 当前状态为“{state}”，审核通过后才能公示</source>
        <translation>Case {case_no} is “{state}”: it can be publicized only after passing review</translation>
    </message>
    <message>
        <source>案件 {case_no} 已列入公示批次</source>
        <translation>Case {case_no} is already in a publicity batch</translation>
    </message>
    <message>
        <source>公示批次 {batch_no} 已发布，不能再次发布</source>
        <translation>Publicity batch {batch_no} is already published</translation>
    </message>
    <message>
        <source>公示批次 {batch_no} 中没有案件</source>
        <translation>Publicity batch {batch_no} holds no cases</translation>
    </message>
    <message>
        <source>案件 {case_no} 当前状态为“{state}”，不能公示</source>
        <translation>Case {case_no} is “{state}” and cannot be publicized</translation>
    </message>
    <message>
        <source>公示期至{ends_on}（含）尚未届满，{first_day}起方可结束公示</source>
        <translation>The publicity period runs to {ends_on} inclusive; it can be closed from {first_day}</translation>
    </message>
    <message>
        <source>案件 {case_no} 当前状态为“{state}”，不在公示中，不能登记公示异议</source>
        <translation>Case {case_no} is “{state}”, not in publicity: no objection can be recorded</translation>
    </message>
    <message>
        <source>未找到发放批次：{batch}</source>
        <translation>No payment batch found: {batch}</translation>
    </message>
    <message>
        <source>案件 {case_no} 当前状态为“{state}”，只有发放失败的案件才能重新发放</source>
        <translation>Case {case_no} is “{state}”: only a case whose payment failed can be paid again</translation>
    </message>
    <message>
        <source>有案件已在其他发放批次中（待发放或已发放），不能重复发放；本次未导出</source>
        <translation>Some cases are already in another payment batch (waiting or paid) and cannot be paid twice; nothing was exported</translation>
    </message>
    <message>
        <source>用户名或密码错误</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <source>原密码不正确</source>
        <translation>The current password is not correct</translation>
    </message>
    <message>
        <source>登录失败次数过多，账户已锁定，请于 {until} 后再试</source>
        <translation>Too many failed sign-ins: the account is locked; try again after {until}</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>统计</source>
        <translation>Figures</translation>
    </message>
    <message>
        <source>今日受理</source>
        <translation>Accepted today</translation>
    </message>
    <message>
        <source>本月受理</source>
        <translation>Accepted this month</translation>
    </message>
    <message>
        <source>本月发放到账</source>
        <translation>Paid this month</translation>
    </message>
    <message>
        <source>审核超期</source>
        <translation>Overdue reviews</translation>
    </message>
    <message>
        <source>待同步</source>
        <translation>To sync</translation>
    </message>
    <message>
        <source>风险提示（未解除）</source>
        <translation>Risk flags (open)</translation>
    </message>
    <message>
        <source>今日件</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>今日金额</source>
        <translation>Today ¥</translation>
    </message>
    <message>
        <source>本月件</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>本月金额</source>
        <translation>Month ¥</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>按状态（当期最后变动的案件）</source>
        <translation>By status (last change in the period)</translation>
    </message>
    <message>
        <source>按证书等级（当期受理）</source>
        <translation>By level (accepted in the period)</translation>
    </message>
    <message>
        <source>按受理人（当期受理）</source>
        <translation>By clerk (accepted in the period)</translation>
    </message>
    <message>
        <source>审核超期的案件</source>
        <translation>Overdue reviews</translation>
    </message>
    <message>
        <source>风险提示</source>
        <translation>Risk flags</translation>
    </message>
    <message>
        <source>审核超期的案件（受理编号 · 办结期限）</source>
        <translation>Overdue reviews (case number · deadline)</translation>
    </message>
    <message>
        <source>未解除的风险提示（按类型）</source>
        <translation>Open risk flags (by kind)</translation>
    </message>
    <message>
        <source>打印日报 (F9)</source>
        <translation>Print daily summary (F9)</translation>
    </message>
    <message>
        <source>生成月报</source>
        <translation>Make monthly report</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>日报日期</source>
        <translation>Summary day</translation>
    </message>
    <message>
        <source>月报月份</source>
        <translation>Report month</translation>
    </message>
    <message>
        <source>截至 %1&#x3000;今日 %2；本月 %3 至 %4</source>
        <translation>As of %1  today %2; this month %3 to %4</translation>
    </message>
    <message>
        <source>上报提示：</source>
        <translation>Reports due: </translation>
    </message>
    <message>
        <source>%1&#x3000;期限 %2</source>
        <translation>%1  due %2</translation>
    </message>
    <message>
        <source>✔ 没有超期的审核</source>
        <translation>✔ No overdue reviews</translation>
    </message>
    <message>
        <source>⚠ %1：%2项</source>
        <translation>⚠ %1: %2</translation>
    </message>
    <message>
        <source>本月新提示%1项，涉及金额%2</source>
        <translation>%1 raised this month, amounting to %2</translation>
    </message>
    <message>
        <source>%1件</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>须尽快办结</source>
        <translation>To be finished soon</translation>
    </message>
    <message>
        <source>均在期限内</source>
        <translation>All within the limit</translation>
    </message>
    <message>
        <source>等待上传</source>
        <translation>Waiting to upload</translation>
    </message>
    <message>
        <source>已全部同步</source>
        <translation>All synced</translation>
    </message>
    <message>
        <source>被拒%1条待处理</source>
        <translation>%1 refused, to be handled</translation>
    </message>
    <message>
        <source>%1条</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>%1项</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>本月新提示%1项</source>
        <translation>%1 raised this month</translation>
    </message>
    <message>
        <source>业务日报（%1）已生成：%2</source>
        <translation>Daily summary (%1) made: %2</translation>
    </message>
    <message>
        <source>业务日报 %1</source>
        <translation>Daily summary %1</translation>
    </message>
    <message>
        <source>生成业务日报</source>
        <translation>Make the daily summary</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>保存月报</source>
        <translation>Save the monthly report</translation>
    </message>
    <message>
        <source>月报（%1）已生成：%2</source>
        <translation>Monthly report (%1) made: %2</translation>
    </message>
    <message>
        <source>月报 %1</source>
        <translation>Monthly report %1</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>输入8位数字（如 20260601）或 2026-06-01；也可点右侧箭头从日历中选择</source>
        <translation>Type 8 digits (e.g. 20260601) or 2026-06-01, or pick a day from the calendar (the arrow on the right)</translation>
    </message>
    <message>
        <source>“%1”不是有效日期：请输入如 20260601 或 2026-06-01</source>
        <translation>“%1” is not a date: type it as 20260601 or 2026-06-01</translation>
    </message>
</context>
<context>
    <name>DirectPrint</name>
    <message>
        <source>文书文件无法读取：%1</source>
        <translation>The document file cannot be read: %1</translation>
    </message>
    <message>
        <source>打印机无法开始打印</source>
        <translation>The printer could not start printing</translation>
    </message>
    <message>
        <source>打印机无法换页</source>
        <translation>The printer could not start a new page</translation>
    </message>
    <message>
        <source>打印任务未能送达打印机</source>
        <translation>The print job did not reach the printer</translation>
    </message>
    <message>
        <source>打印机不可用：</source>
        <translation>Printer unavailable: </translation>
    </message>
    <message>
        <source>本机没有安装打印机</source>
        <translation>No printer is installed on this computer</translation>
    </message>
</context>
<context>
    <name>DocumentDelivery</name>
    <message>
        <source>设置为先预览再打印</source>
        <translation>Settings say preview before printing</translation>
    </message>
    <message>
        <source>%1已送打印机：%2</source>
        <translation>%1 sent to the printer: %2</translation>
    </message>
    <message>
        <source>%1未能直接打印（%2），已打开预览：可在预览中选择打印机打印</source>
        <translation>%1 could not be printed directly (%2); the preview is open: choose a printer there to print it</translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <source>文书文件无法读取：</source>
        <translation>The document cannot be read: </translation>
    </message>
    <message>
        <source>打印 (Ctrl+P)</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <source>关闭 (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>打印失败：</source>
        <translation>Printing failed: </translation>
    </message>
    <message>
        <source>已送打印机：</source>
        <translation>Sent to printer: </translation>
    </message>
</context>
<context>
    <name>DomainLabels</name>
    <message>
        <source>受理员</source>
        <translation>clerk</translation>
    </message>
    <message>
        <source>审核员</source>
        <translation>reviewer</translation>
    </message>
    <message>
        <source>审批员</source>
        <translation>approver</translation>
    </message>
    <message>
        <source>科长</source>
        <translation>section chief</translation>
    </message>
    <message>
        <source>审计员</source>
        <translation>auditor</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>新建案件</source>
        <translation>create cases</translation>
    </message>
    <message>
        <source>受理案件</source>
        <translation>accept cases</translation>
    </message>
    <message>
        <source>撤回案件</source>
        <translation>withdraw cases</translation>
    </message>
    <message>
        <source>开始审核</source>
        <translation>start reviews</translation>
    </message>
    <message>
        <source>驳回案件</source>
        <translation>reject cases</translation>
    </message>
    <message>
        <source>公示案件</source>
        <translation>publicize cases</translation>
    </message>
    <message>
        <source>处理公示异议</source>
        <translation>handle publicity objections</translation>
    </message>
    <message>
        <source>审批</source>
        <translation>approve</translation>
    </message>
    <message>
        <source>办理发放</source>
        <translation>handle payments</translation>
    </message>
    <message>
        <source>重新发放</source>
        <translation>pay again</translation>
    </message>
    <message>
        <source>确认收款账户变更</source>
        <translation>confirm payee account changes</translation>
    </message>
    <message>
        <source>查看报表</source>
        <translation>view reports</translation>
    </message>
    <message>
        <source>查看审计记录</source>
        <translation>view the audit trail</translation>
    </message>
    <message>
        <source>管理人员账户</source>
        <translation>manage staff accounts</translation>
    </message>
    <message>
        <source>修改设置</source>
        <translation>change settings</translation>
    </message>
    <message>
        <source>导入登记数据</source>
        <translation>import registry data</translation>
    </message>
    <message>
        <source>清除保存期满案件的个人信息</source>
        <translation>purge personal data past its retention period</translation>
    </message>
    <message>
        <source>打印含个人信息的文书</source>
        <translation>print documents with personal data</translation>
    </message>
</context>
<context>
    <name>FieldErrors</name>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile phone</translation>
    </message>
    <message>
        <source>累计缴费月数</source>
        <translation>Months of contributions</translation>
    </message>
    <message>
        <source>参保地区划代码</source>
        <translation>Region code of insurance</translation>
    </message>
    <message>
        <source>正在领取失业保险金</source>
        <translation>Receiving unemployment benefit</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Employer name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>证书</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>证书种类</source>
        <translation>Certificate type</translation>
    </message>
    <message>
        <source>证书编号</source>
        <translation>Certificate number</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>职业（工种）</source>
        <translation>Occupation (trade)</translation>
    </message>
    <message>
        <source>核发日期</source>
        <translation>Date of issue</translation>
    </message>
    <message>
        <source>紧缺急需职业（工种）</source>
        <translation>Occupation in short supply</translation>
    </message>
    <message>
        <source>已领取职业培训补贴</source>
        <translation>Vocational training subsidy already received</translation>
    </message>
    <message>
        <source>补贴发放账户</source>
        <translation>Payment account</translation>
    </message>
    <message>
        <source>账户类型</source>
        <translation>Account type</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account number</translation>
    </message>
    <message>
        <source>开户银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>户名（申请人本人姓名）</source>
        <translation>Account holder (the applicant&apos;s own name)</translation>
    </message>
    <message>
        <source>受理地区划代码</source>
        <translation>Region code of the office</translation>
    </message>
    <message>
        <source>申请日期</source>
        <translation>Application date</translation>
    </message>
    <message>
        <source>已享受补贴记录</source>
        <translation>Subsidies already received</translation>
    </message>
    <message>
        <source>已享受补贴记录的职业代码</source>
        <translation>Occupation code of a subsidy already received</translation>
    </message>
    <message>
        <source>已享受补贴记录的等级</source>
        <translation>Level of a subsidy already received</translation>
    </message>
    <message>
        <source>已享受补贴记录的发放日期</source>
        <translation>Payment date of a subsidy already received</translation>
    </message>
    <message>
        <source>已享受补贴记录的紧缺职业标记</source>
        <translation>Shortage mark of a subsidy already received</translation>
    </message>
    <message>
        <source>申请信息</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>核验结果</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <source>补贴金额</source>
        <translation>Subsidy amount</translation>
    </message>
    <message>
        <source>适用政策</source>
        <translation>Policy applied</translation>
    </message>
    <message>
        <source>数据来源</source>
        <translation>Data sources</translation>
    </message>
    <message>
        <source>申请材料</source>
        <translation>Application materials</translation>
    </message>
    <message>
        <source>请填写%1</source>
        <translation>Please fill in %1</translation>
    </message>
    <message>
        <source>内部错误，已记录日志，请重试或联系管理员</source>
        <translation>Internal error, logged; please try again or call the administrator</translation>
    </message>
</context>
<context>
    <name>FieldPage</name>
    <message>
        <source>如：广州开发区某某工业园</source>
        <translation>e.g. the industrial park&apos;s name</translation>
    </message>
    <message>
        <source>每行一家单位：统一社会信用代码或单位全称</source>
        <translation>One employer a line: unified social credit code or full registered name</translation>
    </message>
    <message>
        <source>从中心系统下载（需联网）</source>
        <translation>Download from the central system (needs the network)</translation>
    </message>
    <message>
        <source>使用本机已有的数据（不联网）</source>
        <translation>Use the data already on this computer (offline)</translation>
    </message>
    <message>
        <source>准备外出</source>
        <translation>Prepare to go out</translation>
    </message>
    <message>
        <source>返回并对账（先同步）</source>
        <translation>Back: sync and reconcile</translation>
    </message>
    <message>
        <source>打印对账单…</source>
        <translation>Print the reconciliation sheet…</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>核对结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>中心系统反馈</source>
        <translation>Central system&apos;s answer</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>What to do</translation>
    </message>
    <message>
        <source>外出地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>园区单位</source>
        <translation>Employers of the park</translation>
    </message>
    <message>
        <source>数据来源</source>
        <translation>Data from</translation>
    </message>
    <message>
        <source>在办公室。外出受理前，请填写园区和单位，准备外出数据。</source>
        <translation>In the office. Before a field day, enter the park and its employers and prepare the data.</translation>
    </message>
    <message>
        <source>外出受理中：{label}（{since} 起）。本机携带参保人员{insured}人、证书{certificates}本、补贴台账{ledger}条；离线受理出具的回执为临时回执，回到办公室后同步并对账。</source>
        <translation>In the field: {label} (since {since}). This computer carries {insured} insured people, {certificates} certificates and {ledger} ledger entries; receipts issued offline are provisional. Sync and reconcile back in the office.</translation>
    </message>
    <message>
        <source>名册中没有这些单位：</source>
        <translation>Not in the registry:</translation>
    </message>
    <message>
        <source>正在准备外出数据…</source>
        <translation>Preparing the field data…</translation>
    </message>
    <message>
        <source>已准备好，可以断网外出。</source>
        <translation>Ready: you can go out without a network.</translation>
    </message>
    <message>
        <source>出错了，已记录日志</source>
        <translation>Something went wrong; it has been logged</translation>
    </message>
    <message>
        <source>（无法联网时可选“使用本机已有的数据”）</source>
        <translation>(without a network, choose &quot;Use the data already on this computer&quot;)</translation>
    </message>
    <message>
        <source>正在同步并对账…</source>
        <translation>Syncing and reconciling…</translation>
    </message>
    <message>
        <source>共{cases}件：已确认{ok}件，重复申领{dup}件，中心拒收{refused}件，未同步{pending}件。</source>
        <translation>{cases} cases: {ok} confirmed, {dup} duplicate claims, {refused} refused by the central system, {pending} not synced.</translation>
    </message>
    <message>
        <source>保存对账单</source>
        <translation>Save the reconciliation sheet</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>对账单已保存：{path}</source>
        <translation>Reconciliation sheet saved: {path}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>导入名册</source>
        <translation>Import a registry file</translation>
    </message>
    <message>
        <source>取消导入</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>您的账户无权导入名册（需要科长或系统管理员）</source>
        <translation>Your account may not import registry files (section chief or administrator)</translation>
    </message>
    <message>
        <source>CSV（UTF-8）或 Excel（.xlsx）文件，首行为表头</source>
        <translation>CSV (UTF-8) or Excel (.xlsx) file with a header row</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>参保人员名册</source>
        <translation>Insured people</translation>
    </message>
    <message>
        <source>证书名册</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>下一步：对应列</source>
        <translation>Next: match columns</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>名册类别</source>
        <translation>Registry</translation>
    </message>
    <message>
        <source>选择名册文件</source>
        <translation>Choose a registry file</translation>
    </message>
    <message>
        <source>名册文件 (*.csv *.xlsx *.xlsm)</source>
        <translation>Registry files (*.csv *.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>请选择要导入的文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <source>名册的列</source>
        <translation>Registry column</translation>
    </message>
    <message>
        <source>文件中的列</source>
        <translation>Column in the file</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一步：检查文件</source>
        <translation>Next: check the file</translation>
    </message>
    <message>
        <source>请为名册的每一列选择文件中对应的列（带*的必须有）。多余的列不导入。</source>
        <translation>Choose the file&apos;s column for each registry column (* is required). Other columns are not imported.</translation>
    </message>
    <message>
        <source>（文件中没有）</source>
        <translation>(not in the file)</translation>
    </message>
    <message>
        <source>还缺必需的列：</source>
        <translation>Required columns missing:</translation>
    </message>
    <message>
        <source>同一文件列选了两次：</source>
        <translation>Chosen twice:</translation>
    </message>
    <message>
        <source>各列已对应，可以检查文件</source>
        <translation>All columns matched: the file can be checked</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>只导入正确的行，有错误的行另存为文件以便改正</source>
        <translation>Import only the correct rows and save the rows with errors to a file to fix</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>错误行保存到</source>
        <translation>Save rows with errors to</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>正在检查文件…</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <source>共{total}行：正确{good}行，有错误{bad}行。</source>
        <translation>{total} rows: {good} correct, {bad} with errors.</translation>
    </message>
    <message>
        <source>文件有错误时默认不导入；可改正后重新选择文件，或只导入正确的行。</source>
        <translation>A file with errors is not imported: fix it and choose it again, or import only the correct rows.</translation>
    </message>
    <message>
        <source>仅显示前{n}个错误；全部错误见保存的错误行文件</source>
        <translation>Only the first {n} errors are shown; the rejects file holds them all</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>导入完成：新增{inserted}行，更新{updated}行。</source>
        <translation>Imported: {inserted} rows added, {updated} updated.</translation>
    </message>
    <message>
        <source>{n}行有错误未导入，已保存到 {path}，改正后可再次导入。</source>
        <translation>{n} rows with errors were not imported; they are saved to {path} to fix and import again.</translation>
    </message>
    <message>
        <source>出错了，已记录日志</source>
        <translation>Something went wrong; it has been logged</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <source>职业技能等级证书</source>
        <translation>Skill level certificate</translation>
    </message>
    <message>
        <source>职业资格证书</source>
        <translation>Qualification certificate</translation>
    </message>
    <message>
        <source>本人银行卡</source>
        <translation>Applicant&apos;s own bank card</translation>
    </message>
    <message>
        <source>社会保障卡（金融功能）</source>
        <translation>Social security card (with banking)</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>参保情况</source>
        <translation>Unemployment insurance</translation>
    </message>
    <message>
        <source> 个月</source>
        <translation> months</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not entered</translation>
    </message>
    <message>
        <source>累计缴费月数</source>
        <translation>Months contributed</translation>
    </message>
    <message>
        <source>参保地区划代码</source>
        <translation>Insured region code</translation>
    </message>
    <message>
        <source>正在领取失业保险金</source>
        <translation>Receiving unemployment benefit</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Employer name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Social credit code</translation>
    </message>
    <message>
        <source>证书</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>证书种类</source>
        <translation>Certificate type</translation>
    </message>
    <message>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>职业（工种）</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>输入职业代码或名称，如 6-18-01-01 或 车工</source>
        <translation>Occupation code or name, e.g. 6-18-01-01 or 车工</translation>
    </message>
    <message>
        <source>核发日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>列入本市紧缺急需职业(工种)目录（经办人核实）</source>
        <translation>On the city&apos;s shortage occupation catalogue (checked by the clerk)</translation>
    </message>
    <message>
        <source>对照本市人社部门公布的紧缺急需职业(工种)目录核实后勾选，记入案件；不勾选时，只按已核实载入的目录判断</source>
        <translation>Tick after checking the catalogue the city&apos;s human resources bureau published; it is recorded on the case. Unticked, only a catalogue loaded as confirmed counts</translation>
    </message>
    <message>
        <source>补贴发放账户（须为本人账户）</source>
        <translation>Payment account (must be the applicant&apos;s own)</translation>
    </message>
    <message>
        <source>账户类型</source>
        <translation>Account type</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <source>开户银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>身份证照片</source>
        <translation>ID card photo</translation>
    </message>
    <message>
        <source>读卡 (F2)</source>
        <translation>Read card (F2)</translation>
    </message>
    <message>
        <source>从身份证阅读器读取申请人的身份证</source>
        <translation>Read the applicant&apos;s ID card from the card reader</translation>
    </message>
    <message>
        <source>%1，%2，%3族，出生 %4；签发机关：%5；有效期限：%6</source>
        <translation>%1, %2, %3 ethnic group, born %4; issued by: %5; valid: %6</translation>
    </message>
    <message>
        <source>身份证已过有效期，请申请人出示有效证件。</source>
        <translation>The ID card has expired: ask the applicant for a valid document. </translation>
    </message>
    <message numerus="yes">
        <source>已输入 %n 位，共18位</source>
        <translation>
            <numerusform>%n of 18 characters entered</numerusform>
            <numerusform>%n of 18 characters entered</numerusform>
        </translation>
    </message>
    <message>
        <source>出生日期 %1，%2</source>
        <translation>Born %1, %2</translation>
    </message>
    <message>
        <source>代码校验通过</source>
        <translation>Code is valid</translation>
    </message>
    <message>
        <source>卡号校验通过</source>
        <translation>Card number is valid</translation>
    </message>
    <message>
        <source>数据来源：</source>
        <translation>Source: </translation>
    </message>
    <message>
        <source>参保地</source>
        <translation>Insured region</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>一次性告知材料清单</source>
        <translation>Documents checklist</translation>
    </message>
    <message>
        <source>保存待补正 (F6)</source>
        <translation>Save, documents pending (F6)</translation>
    </message>
    <message>
        <source>受理并打印回执 (F9)</source>
        <translation>Accept and print receipt (F9)</translation>
    </message>
    <message>
        <source>打印一次性告知书 (F7)</source>
        <translation>Print missing-documents notice (F7)</translation>
    </message>
    <message>
        <source>一次性告知材料（勾选已收取的材料；已通过信息共享获取的无需提供）</source>
        <translation>Documents (tick what was handed in; items obtained through data sharing are not needed)</translation>
    </message>
    <message>
        <source>正在打开数据，请稍候：已录入的内容不会丢失</source>
        <translation>Opening the data, please wait: what you type is kept</translation>
    </message>
    <message>
        <source>已恢复上次未完成的录入</source>
        <translation>Restored the unfinished form from last time</translation>
    </message>
    <message>
        <source>此人参保地为 %1，不属本办事处统筹地区，中心系统只告知参保地：请告知申请人到参保地申领</source>
        <translation>Insured in %1, outside this office&apos;s pooling area; the central system tells only where: ask the applicant to apply there</translation>
    </message>
    <message>
        <source>登记数据中没有此人：参保与证书信息请手工录入，受理后待核验</source>
        <translation>Not in the registry data: type the insurance and certificate details by hand; they will be checked after acceptance</translation>
    </message>
    <message>
        <source>材料已齐全，无需出具一次性告知书</source>
        <translation>All documents received: no notice needed</translation>
    </message>
    <message>
        <source>请先填写完整，待核验结果出来后再受理</source>
        <translation>Complete the form and wait for the verification result first</translation>
    </message>
    <message>
        <source>不受理，保存待补正并打印一次性告知书</source>
        <translation>Do not accept: save as waiting for documents and print the notice</translation>
    </message>
    <message>
        <source>未受理：材料不全，可勾选已收取的材料后再受理，或保存待补正</source>
        <translation>Not accepted: documents are missing. Tick what was received and accept again, or save as waiting for documents</translation>
    </message>
    <message>
        <source>不符合条件仍受理</source>
        <translation>Accept although not eligible</translation>
    </message>
    <message>
        <source>核验结果为不符合条件。如申请人有异议仍要受理，请填写受理理由；案件将标记为“有争议”，交审核人复核。</source>
        <translation>The verification says the applicant is not eligible. If the applicant disagrees and you accept anyway, enter the reason; the case will be marked “disputed” for the reviewer.</translation>
    </message>
    <message>
        <source>未填写受理理由，案件未受理</source>
        <translation>No reason given: the case was not accepted</translation>
    </message>
    <message>
        <source>数据尚未打开，请稍候再受理</source>
        <translation>The data is not open yet: please wait before filing</translation>
    </message>
    <message>
        <source>已受理：%1</source>
        <translation>Accepted: %1</translation>
    </message>
    <message>
        <source>已保存（待补正）：%1</source>
        <translation>Saved, documents pending: %1</translation>
    </message>
    <message>
        <source>读取到另一张身份证</source>
        <translation>A different ID card was read</translation>
    </message>
    <message>
        <source>表单中是另一位申请人（%1）的信息。放弃这些内容，开始新的申请吗？</source>
        <translation>The form holds another applicant&apos;s details (%1). Discard them and start a new application?</translation>
    </message>
    <message>
        <source>正在读卡…</source>
        <translation>Reading the card…</translation>
    </message>
    <message>
        <source>未读入：表单中的申请人保留</source>
        <translation>Not read in: the applicant on the form is kept</translation>
    </message>
    <message>
        <source>已读卡：%1</source>
        <translation>Card read: %1</translation>
    </message>
    <message>
        <source>未填姓名</source>
        <translation>no name yet</translation>
    </message>
    <message>
        <source>未开始新的申请：表单内容保留</source>
        <translation>No new application started: the form is kept as it is</translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>切换用户：请输入新用户的账号和密码</source>
        <translation>Switch user: the new user&apos;s account and password</translation>
    </message>
    <message>
        <source>屏幕已锁定：%1，请输入密码解锁</source>
        <translation>Screen locked: %1, enter your password to unlock</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>展翅柜台 · 登录</source>
        <translation>Zhanchi Counter · Sign in</translation>
    </message>
    <message>
        <source>失业保险技能提升补贴受理系统</source>
        <translation>Unemployment insurance skill upgrade subsidy</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>正在打开数据…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>正在打开数据，打开后自动登录…</source>
        <translation>Opening the data; you will be signed in when it is open…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>展翅柜台 · 技能提升补贴受理</source>
        <translation>Zhanchi Counter · Skill Upgrade Subsidy</translation>
    </message>
    <message>
        <source>正在打开数据，请稍候…</source>
        <translation>Opening the data, please wait…</translation>
    </message>
    <message>
        <source>外出受理对账单</source>
        <translation>Field day reconciliation</translation>
    </message>
    <message>
        <source>导航</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>受理新申请 (Ctrl+N)</source>
        <translation>New application (Ctrl+N)</translation>
    </message>
    <message>
        <source>查询 (Ctrl+F)</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
    <message>
        <source>外出受理</source>
        <translation>Field day</translation>
    </message>
    <message>
        <source>导入登记数据</source>
        <translation>Import registry</translation>
    </message>
    <message>
        <source>进度查询</source>
        <translation>Progress lookup</translation>
    </message>
    <message>
        <source>电话咨询：凭受理编号和查询码向中心系统查询办理进度</source>
        <translation>Phone inquiries: ask the central system for a case&apos;s progress with its case number and lookup code</translation>
    </message>
    <message>
        <source>立即同步 (F5)</source>
        <translation>Sync now (F5)</translation>
    </message>
    <message>
        <source>同步问题</source>
        <translation>Sync problems</translation>
    </message>
    <message>
        <source>中心系统拒收的变更：需要人工处理</source>
        <translation>Changes the central system refused: a person must deal with them</translation>
    </message>
    <message>
        <source>锁屏 (Ctrl+L)</source>
        <translation>Lock (Ctrl+L)</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>扫描内容无法识别：</source>
        <translation>Scan not recognised: </translation>
    </message>
    <message>
        <source>（第%1次补打）</source>
        <translation> (reprint %1)</translation>
    </message>
    <message>
        <source>内部错误，已记录日志</source>
        <translation>Internal error, logged</translation>
    </message>
    <message>
        <source>今日备份失败：</source>
        <translation>Today&apos;s backup failed: </translation>
    </message>
    <message>
        <source>正在打开数据…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <source>适用政策：</source>
        <translation>Policy: </translation>
    </message>
    <message>
        <source>（延续执行）</source>
        <translation> (carried over)</translation>
    </message>
    <message>
        <source>离线（未注册）</source>
        <translation>Offline (not registered)</translation>
    </message>
    <message>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>%1 · 待同步 %2 条</source>
        <translation>%1 · %2 waiting to sync</translation>
    </message>
    <message>
        <source> · 被拒 %1 条待处理</source>
        <translation> · %1 rejected, to handle</translation>
    </message>
    <message>
        <source>上次同步：</source>
        <translation>Last sync: </translation>
    </message>
    <message>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <source>下次重试：</source>
        <translation>Next try: </translation>
    </message>
    <message>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>无法打开数据</source>
        <translation>Cannot open the data</translation>
    </message>
</context>
<context>
    <name>MissingMaterialsDialog</name>
    <message>
        <source>申请材料不全</source>
        <translation>Documents missing</translation>
    </message>
    <message>
        <source>仍缺：%1。确认受理？</source>
        <translation>Still missing: %1. Accept anyway?</translation>
    </message>
    <message>
        <source>确认受理的，回执和案件记录将载明所缺材料；不受理的，案件保存为待补正，申请人补齐后再受理。</source>
        <translation>If accepted, the receipt and the case record state what is missing; if not, the case is saved as waiting for documents and accepted once they are handed in.</translation>
    </message>
    <message>
        <source>确认受理（缺件受理）</source>
        <translation>Accept with documents missing</translation>
    </message>
    <message>
        <source>返回 (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
</context>
<context>
    <name>NewCaseQuestion</name>
    <message>
        <source>开始新的申请</source>
        <translation>Start a new application</translation>
    </message>
    <message>
        <source>表单中还有未受理的申请（%1）。开始新的申请前，如何处理？</source>
        <translation>The form holds an application not yet accepted (%1). What should happen to it before a new one starts?</translation>
    </message>
    <message>
        <source>保存待补正：作为待补正案件保存，之后可在查询中找到；放弃：清空表单，所填内容不保存。</source>
        <translation>Save, documents pending: kept as a case with documents pending, found later by search. Discard: the form is emptied and nothing typed is kept.</translation>
    </message>
    <message>
        <source>保存待补正 (F6)</source>
        <translation>Save, documents pending (F6)</translation>
    </message>
    <message>
        <source>放弃所填内容</source>
        <translation>Discard what was typed</translation>
    </message>
    <message>
        <source>返回继续填写 (Esc)</source>
        <translation>Back to the form (Esc)</translation>
    </message>
</context>
<context>
    <name>ObjectionDialog</name>
    <message>
        <source>登记公示异议</source>
        <translation>Record a publicity objection</translation>
    </message>
    <message>
        <source>案件 %1 公示期间收到的异议。登记后案件退出公示批次，退回审核。</source>
        <translation>An objection to case %1 received during publicity. Once recorded, the case leaves its batch and goes back to review.</translation>
    </message>
    <message>
        <source>异议人(&amp;O)</source>
        <translation>&amp;Objector</translation>
    </message>
    <message>
        <source>联系方式(&amp;C)</source>
        <translation>&amp;Contact</translation>
    </message>
    <message>
        <source>异议内容(&amp;T)</source>
        <translation>&amp;Text of the objection</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>不能为空</source>
        <translation>must not be empty</translation>
    </message>
    <message>
        <source>异议人</source>
        <translation>Objector</translation>
    </message>
    <message>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>异议内容</source>
        <translation>Objection</translation>
    </message>
</context>
<context>
    <name>PaymentPage</name>
    <message>
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <source>社保卡</source>
        <translation>Social security card</translation>
    </message>
    <message>
        <source>待回盘</source>
        <translation>Awaiting the bank</translation>
    </message>
    <message>
        <source>已到账</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>发放失败</source>
        <translation>Payment failed</translation>
    </message>
    <message>
        <source>审批与发放</source>
        <translation>Approval and payment</translation>
    </message>
    <message>
        <source>问题清单</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职业（工种）</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>补贴金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>受理人</source>
        <translation>Accepted by</translation>
    </message>
    <message>
        <source>申请日期</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>待审批案件</source>
        <translation>Cases to approve</translation>
    </message>
    <message>
        <source>审批意见（可不填）</source>
        <translation>Approval note (optional)</translation>
    </message>
    <message>
        <source>批准所选 (F9)</source>
        <translation>Approve selected (F9)</translation>
    </message>
    <message>
        <source>全部批准</source>
        <translation>Approve all</translation>
    </message>
    <message>
        <source>公示期满并已结束公示的案件；本人受理的案件不在此列（受理人不得审批）。多件一并批准时，只要有一件不能批准，本次一件也不批准，并列出原因。</source>
        <translation>Cases whose public notice has ended; cases you accepted are not listed (no one approves their own). When several are approved together and one cannot be, none is approved and the reasons are listed.</translation>
    </message>
    <message>
        <source>审批意见</source>
        <translation>Approval note</translation>
    </message>
    <message>
        <source>账户类型</source>
        <translation>Account type</translation>
    </message>
    <message>
        <source>收款账号</source>
        <translation>Account number</translation>
    </message>
    <message>
        <source>开户银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>户名</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <source>风险提示</source>
        <translation>Risk flags</translation>
    </message>
    <message>
        <source>待发放案件</source>
        <translation>Cases to pay</translation>
    </message>
    <message>
        <source>导出发放文件… (F9)</source>
        <translation>Export disbursement file… (F9)</translation>
    </message>
    <message>
        <source>已批准、尚未列入发放批次的案件。导出后生成编号批次，交银行代发；收款账户户名不是申请人本人的案件不予导出（补贴直发）。</source>
        <translation>Approved cases not yet in a payment batch. Exporting makes a numbered batch for the bank; a case whose account is not held by the applicant is left out (paid to the applicant only).</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>待更正账户</source>
        <translation>Account to correct</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>发放失败与待更正账户的案件</source>
        <translation>Failed payments and accounts to correct</translation>
    </message>
    <message>
        <source>不改则留空</source>
        <translation>Leave empty to keep</translation>
    </message>
    <message>
        <source>须为申请人本人；不改则留空</source>
        <translation>Must be the applicant; leave empty to keep</translation>
    </message>
    <message>
        <source>必填：更正或重新发放的原因</source>
        <translation>Required: why it is corrected or paid again</translation>
    </message>
    <message>
        <source>仅更正账户</source>
        <translation>Correct the account only</translation>
    </message>
    <message>
        <source>重新发放 (F9)</source>
        <translation>Pay again (F9)</translation>
    </message>
    <message>
        <source>更正收款账户 / 重新发放（所选案件）</source>
        <translation>Correct the account / pay again (selected case)</translation>
    </message>
    <message>
        <source>新收款账号</source>
        <translation>New account number</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>批次号</source>
        <translation>Batch number</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>回盘</source>
        <translation>Bank result</translation>
    </message>
    <message>
        <source>发放文件</source>
        <translation>Disbursement file</translation>
    </message>
    <message>
        <source>发放批次</source>
        <translation>Payment batches</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>批次明细</source>
        <translation>Batch items</translation>
    </message>
    <message>
        <source>导入银行结果… (F9)</source>
        <translation>Import bank result… (F9)</translation>
    </message>
    <message>
        <source>银行回盘文件须包含批次的每一件（发放文件各列加 status：paid/failed 与 reason）；文件有任何问题即整体退回，不做任何改动。</source>
        <translation>The bank&apos;s result must list every item of the batch (the disbursement columns plus status: paid/failed and reason); a file with any problem is refused whole and changes nothing.</translation>
    </message>
    <message>
        <source>⚠ 户名不是申请人本人：不予导出，请更正账户</source>
        <translation>⚠ Holder is not the applicant: not exported, correct the account</translation>
    </message>
    <message>
        <source>已回盘：到账%1 失败%2</source>
        <translation>Settled: %1 paid, %2 failed</translation>
    </message>
    <message>
        <source>待银行回盘</source>
        <translation>Awaiting the bank</translation>
    </message>
    <message>
        <source>：%1</source>
        <translation>: %1</translation>
    </message>
    <message>
        <source>可导出%1件，合计%2</source>
        <translation>%1 to export, total %2</translation>
    </message>
    <message>
        <source>待审批（%1）</source>
        <translation>To approve (%1)</translation>
    </message>
    <message>
        <source>待发放（%1）</source>
        <translation>To pay (%1)</translation>
    </message>
    <message>
        <source>失败·更正（%1）</source>
        <translation>Failed · correct (%1)</translation>
    </message>
    <message>
        <source>发放批次（待回盘%1）</source>
        <translation>Payment batches (%1 awaiting the bank)</translation>
    </message>
    <message>
        <source>待审批%1件</source>
        <translation>%1 to approve</translation>
    </message>
    <message>
        <source>待发放%1件</source>
        <translation>%1 to pay</translation>
    </message>
    <message>
        <source>%1个批次待银行回盘</source>
        <translation>%1 batches awaiting the bank</translation>
    </message>
    <message>
        <source>批准%1件，合计%2？</source>
        <translation>Approve %1 case(s), %2 in total?</translation>
    </message>
    <message>
        <source> 等%1件</source>
        <translation> and others, %1 in all</translation>
    </message>
    <message>
        <source>批准后案件转入待发放，不能撤销。</source>
        <translation>Approved cases go on to payment; this cannot be undone.</translation>
    </message>
    <message>
        <source>确认审批</source>
        <translation>Confirm approval</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>已批准%1件，合计%2，转入待发放</source>
        <translation>Approved %1, total %2, now to pay</translation>
    </message>
    <message>
        <source>%1件中有%2件不能审批，本次未审批任何案件；请去掉下列案件后再批准</source>
        <translation>%2 of %1 cannot be approved, so none was approved; take these cases off and approve again</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>审批</source>
        <translation>Approval</translation>
    </message>
    <message>
        <source>保存发放文件</source>
        <translation>Save the disbursement file</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv);;Excel 工作簿 (*.xlsx)</source>
        <translation>CSV files (*.csv);;Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>导出发放文件：%1件，合计%2？</source>
        <translation>Export the disbursement file: %1 case(s), %2 in total?</translation>
    </message>
    <message>
        <source>写入 %1。导出即生成编号发放批次，这些案件不再列入待发放。</source>
        <translation>Written to %1. Exporting makes a numbered payment batch; these cases leave the list awaiting payment.</translation>
    </message>
    <message>
        <source>确认导出发放文件</source>
        <translation>Confirm the disbursement file</translation>
    </message>
    <message>
        <source>已导出发放批次 %1：%2件，合计%3；文件 %4</source>
        <translation>Exported payment batch %1: %2 cases, total %3; file %4</translation>
    </message>
    <message>
        <source>未导出 %1：%2</source>
        <translation>Not exported %1: %2</translation>
    </message>
    <message>
        <source>导出发放文件</source>
        <translation>Export the disbursement file</translation>
    </message>
    <message>
        <source>选择银行回盘文件</source>
        <translation>Choose the bank&apos;s result file</translation>
    </message>
    <message>
        <source>银行结果文件 (*.csv *.xlsx)</source>
        <translation>Bank result files (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>批次 %1 已回盘：到账%2件 %3，失败%4件 %5</source>
        <translation>Batch %1 settled: %2 paid %3, %4 failed %5</translation>
    </message>
    <message>
        <source>；失败的案件在“失败·更正”中更正账户后重新发放</source>
        <translation>; correct the failed ones under &quot;Failed · correct&quot; and pay again</translation>
    </message>
    <message>
        <source>发放失败 %1：%2</source>
        <translation>Payment failed %1: %2</translation>
    </message>
    <message>
        <source>结果文件 %1 有%2处问题，已整体退回，未导入任何内容；请银行更正后重新提供</source>
        <translation>Result file %1 has %2 problems and was refused whole; nothing was imported. Ask the bank for a corrected file</translation>
    </message>
    <message>
        <source>导入银行结果</source>
        <translation>Import the bank result</translation>
    </message>
    <message>
        <source>整个文件 %1：%2</source>
        <translation>Whole file %1: %2</translation>
    </message>
    <message>
        <source>第%1行 %2：%3</source>
        <translation>Row %1 %2: %3</translation>
    </message>
    <message>
        <source>更正收款账户</source>
        <translation>Correct the account</translation>
    </message>
    <message>
        <source>案件 %1 的收款账户变更已提出，须由另一名审批或主管人员在案件页确认</source>
        <translation>Payee change for case %1 proposed; another approver or supervisor must confirm it on the case page</translation>
    </message>
    <message>
        <source>重新发放案件 %1（%2），金额%3？</source>
        <translation>Pay case %1 (%2) again, %3?</translation>
    </message>
    <message>
        <source>确认重新发放</source>
        <translation>Confirm paying again</translation>
    </message>
    <message>
        <source>案件转回待发放，列入下一个发放批次。</source>
        <translation>The case goes back to awaiting payment, in the next payment batch.</translation>
    </message>
    <message>
        <source>；新收款账户须由另一人在案件页确认后才发放</source>
        <translation>; the new account is paid only after another person confirms it on the case page</translation>
    </message>
    <message>
        <source>重新发放</source>
        <translation>Pay again</translation>
    </message>
    <message>
        <source>案件 %1 已转回待发放，将列入下一个发放批次</source>
        <translation>Case %1 is back to pay and goes into the next batch</translation>
    </message>
</context>
<context>
    <name>ProgressLookupDialog</name>
    <message>
        <source>办理进度查询</source>
        <translation>Progress lookup</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>查询码</source>
        <translation>Lookup code</translation>
    </message>
    <message>
        <source>受理编号和查询码都要填写（二者缺一不予查询）</source>
        <translation>Enter both the case number and the lookup code (neither works alone)</translation>
    </message>
    <message>
        <source>本机未注册到中心系统，无法在线查询</source>
        <translation>This computer is not registered with the central system: no online lookup</translation>
    </message>
    <message>
        <source>中心系统暂时无法连接：</source>
        <translation>The central system cannot be reached now: </translation>
    </message>
    <message>
        <source>查询 (Enter)</source>
        <translation>Search (Enter)</translation>
    </message>
    <message>
        <source>正在查询…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>查询失败，请重试</source>
        <translation>The search failed, please try again</translation>
    </message>
    <message>
        <source>没有与此受理编号和查询码相符的案件</source>
        <translation>No case matches this case number and lookup code</translation>
    </message>
    <message>
        <source>%1（%2）：%3，更新于 %4</source>
        <translation>%1 (%2): %3, updated %4</translation>
    </message>
</context>
<context>
    <name>PublicityPage</name>
    <message>
        <source>公示</source>
        <translation>Public notice</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职业（工种）</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>补贴金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Review passed</translation>
    </message>
    <message>
        <source>待公示案件</source>
        <translation>Cases for public notice</translation>
    </message>
    <message>
        <source>所选列入新批次</source>
        <translation>Selected into a new batch</translation>
    </message>
    <message>
        <source>全部列入新批次</source>
        <translation>All into a new batch</translation>
    </message>
    <message>
        <source>待公示案件（审核已通过，尚未列入批次）</source>
        <translation>Cases for public notice (review passed, not yet in a batch)</translation>
    </message>
    <message>
        <source>批次号</source>
        <translation>Batch number</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>待发布</source>
        <translation>Not yet published</translation>
    </message>
    <message>
        <source>公示中</source>
        <translation>On notice</translation>
    </message>
    <message>
        <source>公示期满</source>
        <translation>Period ended</translation>
    </message>
    <message>
        <source>%1件</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>金额合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>公示期</source>
        <translation>Notice period</translation>
    </message>
    <message>
        <source>公示批次</source>
        <translation>Notice batches</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>在列情况</source>
        <translation>On the list</translation>
    </message>
    <message>
        <source>批次中的案件</source>
        <translation>Cases in the batch</translation>
    </message>
    <message>
        <source>批次明细</source>
        <translation>Batch items</translation>
    </message>
    <message>
        <source>公示开始日期</source>
        <translation>Notice start date</translation>
    </message>
    <message>
        <source>发布公示 (F9)</source>
        <translation>Publish (F9)</translation>
    </message>
    <message>
        <source>打印公示名单 (Ctrl+P)</source>
        <translation>Print the notice list (Ctrl+P)</translation>
    </message>
    <message>
        <source>结束公示</source>
        <translation>End the notice</translation>
    </message>
    <message>
        <source>批次办理</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>From date</translation>
    </message>
    <message>
        <source>反映人姓名或单位</source>
        <translation>Name of the person or body objecting</translation>
    </message>
    <message>
        <source>电话或地址</source>
        <translation>Phone or address</translation>
    </message>
    <message>
        <source>反映的问题</source>
        <translation>What is objected to</translation>
    </message>
    <message>
        <source>登记异议并退回审核</source>
        <translation>Record the objection and send back to review</translation>
    </message>
    <message>
        <source>登记公示异议（对批次明细中所选案件）</source>
        <translation>Record an objection (to the case selected in the batch)</translation>
    </message>
    <message>
        <source>异议人</source>
        <translation>Objector</translation>
    </message>
    <message>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>异议内容</source>
        <translation>Objection</translation>
    </message>
    <message>
        <source>·可结束</source>
        <translation> · may end</translation>
    </message>
    <message>
        <source>未发布</source>
        <translation>Not published</translation>
    </message>
    <message>
        <source>%1 至 %2，%3个工作日</source>
        <translation>%1 to %2, %3 working days</translation>
    </message>
    <message>
        <source>&#x3000;暂定</source>
        <translation>  provisional</translation>
    </message>
    <message>
        <source>公示期跨越的年度节假日安排尚未公布，结束日期为暂定</source>
        <translation>The holiday arrangement of a year in the period is not yet published: the end date is provisional</translation>
    </message>
    <message>
        <source>在列（%1）</source>
        <translation>Listed (%1)</translation>
    </message>
    <message>
        <source>已撤出（异议）</source>
        <translation>Taken out (objection)</translation>
    </message>
    <message>
        <source>待公示%1件；公示中批次%2个</source>
        <translation>%1 waiting for notice; %2 batches on notice</translation>
    </message>
    <message>
        <source>批次明细（未选择批次）</source>
        <translation>Batch items (no batch selected)</translation>
    </message>
    <message>
        <source>在待公示案件中选择案件列入新批次，或在右上方选择一个批次</source>
        <translation>Put waiting cases into a new batch, or choose a batch on the right</translation>
    </message>
    <message>
        <source>批次明细：%1（%2）</source>
        <translation>Batch items: %1 (%2)</translation>
    </message>
    <message>
        <source>尚未发布：选择开始日期（须为工作日）后发布，公示不少于5个工作日</source>
        <translation>Not yet published: choose a start date (a working day) and publish; the notice lasts at least 5 working days</translation>
    </message>
    <message>
        <source>公示期已于%1届满，可结束公示；结束后案件转入待审批</source>
        <translation>The notice period ended on %1: end the notice and its cases go to approval</translation>
    </message>
    <message>
        <source>公示中，至%1（含）；届满后方可结束公示</source>
        <translation>On notice until %1 (inclusive); it can be ended after that</translation>
    </message>
    <message>
        <source>。该年度节假日安排尚未公布，日期为暂定</source>
        <translation>. The year&apos;s holiday arrangement is not yet published: the date is provisional</translation>
    </message>
    <message>
        <source>公示期满，已于%1结束公示</source>
        <translation>Notice period over, ended on %1</translation>
    </message>
    <message>
        <source>已建立公示批次 %1，共%2件；请选择开始日期后发布</source>
        <translation>Notice batch %1 made with %2 cases; choose the start date and publish</translation>
    </message>
    <message>
        <source>建立公示批次</source>
        <translation>Make a notice batch</translation>
    </message>
    <message>
        <source>发布公示批次 %1：%2件，合计%3，自%4起公示？</source>
        <translation>Publish batch %1: %2 case(s), %3 in total, from %4?</translation>
    </message>
    <message>
        <source>发布后名单即对外公示，不能撤回；公示期内的异议逐件登记。</source>
        <translation>Once published the list is public and cannot be withdrawn; objections during the period are recorded case by case.</translation>
    </message>
    <message>
        <source>确认发布公示</source>
        <translation>Confirm publication</translation>
    </message>
    <message>
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>批次 %1 已发布，公示期 %2</source>
        <translation>Batch %1 published, notice period %2</translation>
    </message>
    <message>
        <source>；请打印公示名单张贴</source>
        <translation>; print the list and post it</translation>
    </message>
    <message>
        <source>发布公示</source>
        <translation>Notice published</translation>
    </message>
    <message>
        <source>公示名单 %1</source>
        <translation>Notice list %1</translation>
    </message>
    <message>
        <source>（第%1次补打）</source>
        <translation> (reprint %1)</translation>
    </message>
    <message>
        <source>公示名单已出具：%1</source>
        <translation>Notice list made: %1</translation>
    </message>
    <message>
        <source>打印公示名单</source>
        <translation>Print the notice list</translation>
    </message>
    <message>
        <source>结束公示批次 %1：%2件，合计%3，转入待审批？</source>
        <translation>Close batch %1: %2 case(s), %3 in total, on to approval?</translation>
    </message>
    <message>
        <source>确认结束公示</source>
        <translation>Confirm closing the publicity</translation>
    </message>
    <message>
        <source>结束后不能再登记异议。</source>
        <translation>After closing no objection can be recorded.</translation>
    </message>
    <message>
        <source>批次 %1 公示期满，已结束公示；%2件案件转入待审批</source>
        <translation>Batch %1: notice ended; %2 cases go to approval</translation>
    </message>
    <message>
        <source>已登记对案件 %1 的异议，案件已撤出公示并退回审核</source>
        <translation>Objection to case %1 recorded; the case left the notice and went back to review</translation>
    </message>
    <message>
        <source>登记公示异议</source>
        <translation>Record an objection</translation>
    </message>
</context>
<context>
    <name>RejectedChangesDialog</name>
    <message>
        <source>同步问题：中心系统拒收的变更</source>
        <translation>Sync problems: changes the central system refused</translation>
    </message>
    <message>
        <source>处理后重新发送所选</source>
        <translation>Send the selected again (after fixing)</translation>
    </message>
    <message>
        <source>以下变更被中心系统拒收，不会自动重试。请核对原因并处理后再重新发送。</source>
        <translation>The central system refused these changes; they are not retried by themselves. Check the reason, fix it, then send again.</translation>
    </message>
    <message>
        <source>%1&#x3000;%2&#x3000;原因：%3</source>
        <translation>%1  %2  reason: %3</translation>
    </message>
    <message>
        <source>未说明</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>没有被拒收的变更</source>
        <translation>No refused changes</translation>
    </message>
    <message>
        <source>请先选择要重新发送的变更</source>
        <translation>Select the changes to send again first</translation>
    </message>
    <message>
        <source>已重新排队 %1 条，将在下次同步时发送</source>
        <translation>%1 queued again; they go with the next sync</translation>
    </message>
    <message>
        <source>读取失败，请重试</source>
        <translation>Could not read them; please try again</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>审核队列</source>
        <translation>Review queue</translation>
    </message>
    <message>
        <source>核验结果与数据来源</source>
        <translation>Verification and data sources</translation>
    </message>
    <message>
        <source>风险提示</source>
        <translation>Risk flags</translation>
    </message>
    <message>
        <source>核查意见（解除提示时必填）</source>
        <translation>Finding (required to clear a flag)</translation>
    </message>
    <message>
        <source>风险提示核查意见</source>
        <translation>Finding on the risk flag</translation>
    </message>
    <message>
        <source>解除所选提示</source>
        <translation>Clear the selected flag</translation>
    </message>
    <message>
        <source>公示异议</source>
        <translation>Public notice objections</translation>
    </message>
    <message>
        <source>核验结果、数据来源与重复申领</source>
        <translation>Verification, data sources and duplicate claims</translation>
    </message>
    <message>
        <source>风险提示（逐项核查后解除）</source>
        <translation>Risk flags (check and clear each)</translation>
    </message>
    <message>
        <source>待答复的公示异议</source>
        <translation>Objections to answer</translation>
    </message>
    <message>
        <source>审核意见(&amp;N)</source>
        <translation>Review &amp;note</translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation>Review note</translation>
    </message>
    <message>
        <source>开始审核 (F7)</source>
        <translation>Start review (F7)</translation>
    </message>
    <message>
        <source>审核通过 (F9)</source>
        <translation>Pass (F9)</translation>
    </message>
    <message>
        <source>驳回 (F8)</source>
        <translation>Reject (F8)</translation>
    </message>
    <message>
        <source>打开案件 (Enter)</source>
        <translation>Open case (Enter)</translation>
    </message>
    <message>
        <source>打印审核决定书</source>
        <translation>Print the review decision</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>补贴金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>审核期限</source>
        <translation>Review deadline</translation>
    </message>
    <message>
        <source>重复申领</source>
        <translation>Duplicate claims</translation>
    </message>
    <message>
        <source>复核事由</source>
        <translation>Why a note is needed</translation>
    </message>
    <message>
        <source>（暂定）</source>
        <translation> (provisional)</translation>
    </message>
    <message>
        <source>&#x3000;超期</source>
        <translation>  overdue</translation>
    </message>
    <message>
        <source>&#x3000;今日到期</source>
        <translation>  due today</translation>
    </message>
    <message>
        <source>&#x3000;剩%1个工作日</source>
        <translation>  %1 working days left</translation>
    </message>
    <message>
        <source>自%1起%2个工作日内办结，已用%3个工作日</source>
        <translation>%2 working days from %1; %3 used</translation>
    </message>
    <message>
        <source>；该年度节假日安排尚未公布，期限为暂定</source>
        <translation>; the year&apos;s holiday arrangement is not yet published: provisional</translation>
    </message>
    <message>
        <source>⚠ %1项待核查</source>
        <translation>⚠ %1 to check</translation>
    </message>
    <message>
        <source>已解除%1项</source>
        <translation>%1 cleared</translation>
    </message>
    <message>
        <source>⚠ 疑似重复%1条</source>
        <translation>⚠ %1 possible duplicates</translation>
    </message>
    <message>
        <source>存疑受理</source>
        <translation>Disputed</translation>
    </message>
    <message>
        <source>公示异议%1件</source>
        <translation>%1 objections</translation>
    </message>
    <message>
        <source>共%1件待审核</source>
        <translation>%1 to review</translation>
    </message>
    <message>
        <source>，其中超期%1件（已排在最前）</source>
        <translation>, %1 overdue (listed first)</translation>
    </message>
    <message>
        <source>未选择案件：在上方队列中选择一件</source>
        <translation>No case chosen: choose one in the queue above</translation>
    </message>
    <message>
        <source>&#x3000;收款账户 %1</source>
        <translation>  account %1</translation>
    </message>
    <message>
        <source>✔ 没有风险提示</source>
        <translation>✔ No risk flags</translation>
    </message>
    <message>
        <source>没有待答复的异议</source>
        <translation>No objections to answer</translation>
    </message>
    <message>
        <source>必填：存疑受理或有公示异议的案件，须写明审核意见（对异议的核查结论）</source>
        <translation>Required: a disputed or objected case needs a review note (what the check of the objection found)</translation>
    </message>
    <message>
        <source>通过时可写审核意见；驳回时必填驳回理由（写入审核决定书）</source>
        <translation>A note is optional to pass; to reject, the reasons are required (they go on the decision)</translation>
    </message>
    <message>
        <source>⚠ 存疑受理：%1</source>
        <translation>⚠ Disputed: %1</translation>
    </message>
    <message>
        <source>✘ %1：%2</source>
        <translation>✘ %1: %2</translation>
    </message>
    <message>
        <source>✔ 核验各项均符合条件</source>
        <translation>✔ Every check passed</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>⚠ 重复申领：%1</source>
        <translation>⚠ Duplicate claim: %1</translation>
    </message>
    <message>
        <source>⚠ %1：%2</source>
        <translation>⚠ %1: %2</translation>
    </message>
    <message>
        <source>✔ %1（已解除：%2，%3 %4）</source>
        <translation>✔ %1 (cleared: %2, %3 %4)</translation>
    </message>
    <message>
        <source>%1&#x3000;%2（%3）：%4</source>
        <translation>%1  %2 (%3): %4</translation>
    </message>
    <message>
        <source>开始审核</source>
        <translation>Start review</translation>
    </message>
    <message>
        <source>案件 %1 已开始审核</source>
        <translation>Review of case %1 started</translation>
    </message>
    <message>
        <source>案件 %1 审核通过，已转入待公示</source>
        <translation>Case %1 passed, now waiting for public notice</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Review passed</translation>
    </message>
    <message>
        <source>打印审核决定书（%1）</source>
        <translation>Print the review decision (%1)</translation>
    </message>
    <message>
        <source>案件 %1 已驳回，请打印审核决定书交申请人</source>
        <translation>Case %1 rejected; print the decision for the applicant</translation>
    </message>
    <message>
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>驳回理由</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <source>驳回案件 %1（%2）？</source>
        <translation>Reject case %1 (%2)?</translation>
    </message>
    <message>
        <source>驳回理由：%1
驳回后案件办结，并须向申请人出具审核决定书。</source>
        <translation>Reasons: %1
A rejected case is closed, and the written decision must be given to the applicant.</translation>
    </message>
    <message>
        <source>确认驳回</source>
        <translation>Confirm rejection</translation>
    </message>
    <message>
        <source>已解除风险提示：%1</source>
        <translation>Risk flag cleared: %1</translation>
    </message>
    <message>
        <source>解除风险提示</source>
        <translation>Clear the risk flag</translation>
    </message>
    <message>
        <source>核查意见</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>审核决定书已出具：%1</source>
        <translation>Review decision made: %1</translation>
    </message>
    <message>
        <source>审核决定书 %1</source>
        <translation>Review decision %1</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>输入受理编号、身份证号、姓名或证书编号</source>
        <translation>Enter a case number, ID number, name or certificate number</translation>
    </message>
    <message>
        <source>查找案件</source>
        <translation>Find a case</translation>
    </message>
    <message>
        <source>按状态筛选</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>今日队列(&amp;T)</source>
        <translation>&amp;Today&apos;s queue</translation>
    </message>
    <message>
        <source>只看今天受理的申请</source>
        <translation>Only applications taken today</translation>
    </message>
    <message>
        <source>只看本人经办</source>
        <translation>Only mine</translation>
    </message>
    <message>
        <source>查找结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>状态(&amp;S)</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>没有找到符合条件的案件</source>
        <translation>No matching cases</translation>
    </message>
    <message>
        <source>还没有案件</source>
        <translation>No cases yet</translation>
    </message>
    <message>
        <source>超过 %1 条，</source>
        <translation>over %1 cases, </translation>
    </message>
    <message>
        <source>共 %1 条，</source>
        <translation>%1 cases, </translation>
    </message>
    <message>
        <source>向下滚动显示更多</source>
        <translation>scroll down for more</translation>
    </message>
    <message>
        <source>已全部显示</source>
        <translation>all shown</translation>
    </message>
    <message>
        <source>双击或按回车打开案件</source>
        <translation>Double-click or press Enter to open a case</translation>
    </message>
    <message>
        <source>%1已显示 %2 条（%3）&#x3000;%4</source>
        <translation>%1%2 shown (%3) — %4</translation>
    </message>
    <message>
        <source>查找失败：</source>
        <translation>Search failed: </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>A4 纸（普通打印机）</source>
        <translation>A4 paper (office printer)</translation>
    </message>
    <message>
        <source>80毫米热敏纸（小票打印机）</source>
        <translation>80 mm thermal roll (receipt printer)</translation>
    </message>
    <message>
        <source>先预览，不直接送打印机</source>
        <translation>Preview first, do not send straight to the printer</translation>
    </message>
    <message>
        <source>不勾选时，受理回执和一次性告知书直接送默认打印机；本机没有打印机时总是打开预览</source>
        <translation>When unticked, receipts and one-time notices go straight to the default printer; without a printer the preview always opens</translation>
    </message>
    <message>
        <source>留空：不用；termb：读卡器厂商的 termb 驱动；simulated：模拟读卡器（演示）</source>
        <translation>Empty: none; termb: the reader vendor&apos;s termb driver; simulated: the simulated reader (demo)</translation>
    </message>
    <message>
        <source>可写明驱动库和端口，如 termb:C:/reader/termb.dll@1001（USB 1001–1016，串口 1–16；不写端口时自动查找）</source>
        <translation>The driver library and port may be given, e.g. termb:C:/reader/termb.dll@1001 (USB 1001–1016, serial 1–16; without a port they are tried in turn)</translation>
    </message>
    <message>
        <source>如 https://zhanchi.example.gov.cn；不联网时留空</source>
        <translation>e.g. https://zhanchi.example.gov.cn; empty if not used</translation>
    </message>
    <message>
        <source>界面语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>字体大小(&amp;F)</source>
        <translation>&amp;Font size</translation>
    </message>
    <message>
        <source>无操作自动锁屏(&amp;I)</source>
        <translation>Lock when &amp;idle for</translation>
    </message>
    <message>
        <source>回执纸张(&amp;R)</source>
        <translation>&amp;Receipt paper</translation>
    </message>
    <message>
        <source>回执打印(&amp;P)</source>
        <translation>Receipt &amp;printing</translation>
    </message>
    <message>
        <source>身份证阅读器(&amp;D)</source>
        <translation>ID car&amp;d reader</translation>
    </message>
    <message>
        <source>中心系统地址(&amp;U)</source>
        <translation>Central system &amp;URL</translation>
    </message>
    <message>
        <source>本机构（审核决定书、公示名单）</source>
        <translation>This office (written decisions, publicity lists)</translation>
    </message>
    <message>
        <source>公示异议电话(&amp;J)</source>
        <translation>Ob&amp;jections phone</translation>
    </message>
    <message>
        <source>如 020-38881234（本机构自己的电话，不是12333）</source>
        <translation>e.g. 020-38881234 (the office&apos;s own line, not 12333)</translation>
    </message>
    <message>
        <source>公示异议地址(&amp;Y)</source>
        <translation>Objections address (&amp;Y)</translation>
    </message>
    <message>
        <source>如 广州市天河区天河北路123号一楼</source>
        <translation>e.g. 1F, 123 Tianhe North Road, Tianhe District, Guangzhou</translation>
    </message>
    <message>
        <source>审核决定书以决定机关的名义出具并编文号，前四项未填全时不能打印决定书；公示名单载明本机构受理异议的电话和地址，未填时不能打印公示名单。</source>
        <translation>Written decisions are issued in the deciding authority&apos;s name under a document number: they cannot print until the first four are filled in. Publicity lists give this office&apos;s phone and address for objections: they cannot print until those are filled in.</translation>
    </message>
    <message>
        <source>决定机关(&amp;B)</source>
        <translation>Deciding &amp;body</translation>
    </message>
    <message>
        <source>如 广州市天河区人力资源和社会保障局（不是服务窗口）</source>
        <translation>e.g. Tianhe District Human Resources and Social Security Bureau, Guangzhou (not the service window)</translation>
    </message>
    <message>
        <source>如 穗天人社技补决（〔年份〕和序号自动编排）</source>
        <translation>e.g. the bureau&apos;s prefix before the year (the year and the number are added)</translation>
    </message>
    <message>
        <source>文号前缀(&amp;N)</source>
        <translation>Document &amp;number prefix</translation>
    </message>
    <message>
        <source>行政复议机关(&amp;V)</source>
        <translation>Administrative reconsideration bod&amp;y</translation>
    </message>
    <message>
        <source>如 广州市天河区人民政府</source>
        <translation>e.g. Tianhe District People&apos;s Government, Guangzhou</translation>
    </message>
    <message>
        <source>行政诉讼管辖法院(&amp;C)</source>
        <translation>&amp;Court for administrative litigation</translation>
    </message>
    <message>
        <source>如 广州铁路运输法院</source>
        <translation>e.g. Guangzhou Railway Transport Court</translation>
    </message>
    <message>
        <source>界面语言和字体大小在下次启动程序时生效。</source>
        <translation>Language and font size take effect the next time the program starts.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>受理员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>审核员</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>审批员</source>
        <translation>Approver</translation>
    </message>
    <message>
        <source>科长</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>审计员</source>
        <translation>Auditor</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>人员管理</source>
        <translation>Staff accounts</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>经办机构</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>人员账户</source>
        <translation>Staff accounts</translation>
    </message>
    <message>
        <source>更改角色</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>停用账户</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>所选账户</source>
        <translation>Chosen account</translation>
    </message>
    <message>
        <source>再次输入</source>
        <translation>Again</translation>
    </message>
    <message>
        <source>临时密码至少8个字符，当面告知本人，并请其登录后尽快修改。</source>
        <translation>A temporary password of at least 8 characters: tell the person face to face and ask them to change it soon after signing in.</translation>
    </message>
    <message>
        <source>字母、数字或 . _ - @</source>
        <translation>letters, digits or . _ - @</translation>
    </message>
    <message>
        <source>新账户角色</source>
        <translation>Role of the new account</translation>
    </message>
    <message>
        <source>经办机构代码</source>
        <translation>Office code</translation>
    </message>
    <message>
        <source>6位数字</source>
        <translation>6 digits</translation>
    </message>
    <message>
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <source>再次输入初始密码</source>
        <translation>Initial password again</translation>
    </message>
    <message>
        <source>新建账户</source>
        <translation>Create account</translation>
    </message>
    <message>
        <source>至少8个字符</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <source>✘ 已停用</source>
        <translation>✘ Disabled</translation>
    </message>
    <message>
        <source>⚠ 登录失败过多，锁定至%1</source>
        <translation>⚠ Too many failed sign-ins, locked until %1</translation>
    </message>
    <message>
        <source>✔ 启用</source>
        <translation>✔ Active</translation>
    </message>
    <message>
        <source>共%1个账户，启用%2个，其中管理员%3个</source>
        <translation>%1 account(s), %2 active, %3 of them administrators</translation>
    </message>
    <message>
        <source>未选择账户：在左侧列表中选择一个</source>
        <translation>No account chosen: choose one in the list on the left</translation>
    </message>
    <message>
        <source>%1（%2），%3，经办机构 %4</source>
        <translation>%1 (%2), %3, office %4</translation>
    </message>
    <message>
        <source>（本人）</source>
        <translation> (you)</translation>
    </message>
    <message>
        <source>启用账户</source>
        <translation>Enable account</translation>
    </message>
    <message>
        <source>不能停用自己的账户</source>
        <translation>You cannot disable your own account</translation>
    </message>
    <message>
        <source>再次输入：两次输入的密码不一致，请重新输入</source>
        <translation>Again: the two passwords differ, please type it again</translation>
    </message>
    <message>
        <source>已新建账户 %1（%2），角色：%3</source>
        <translation>Account %1 (%2) created, role: %3</translation>
    </message>
    <message>
        <source>将 %1（%2）的角色由“%3”改为“%4”？</source>
        <translation>Change the role of %1 (%2) from “%3” to “%4”?</translation>
    </message>
    <message>
        <source>新角色下次登录时生效。</source>
        <translation>The new role takes effect at the next sign-in.</translation>
    </message>
    <message>
        <source>这是你本人的账户：改后你将不能再管理人员账户。</source>
        <translation>This is your own account: after the change you can no longer manage staff accounts.</translation>
    </message>
    <message>
        <source>%1 的角色已改为%2</source>
        <translation>The role of %1 is now %2</translation>
    </message>
    <message>
        <source>确认更改角色</source>
        <translation>Confirm the role change</translation>
    </message>
    <message>
        <source>更改</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>已启用 %1</source>
        <translation>%1 enabled</translation>
    </message>
    <message>
        <source>已停用 %1，该账户不能再登录</source>
        <translation>%1 disabled: the account can no longer sign in</translation>
    </message>
    <message>
        <source>停用 %1（%2）的账户？</source>
        <translation>Disable the account of %1 (%2)?</translation>
    </message>
    <message>
        <source>确认停用账户</source>
        <translation>Confirm disabling the account</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>停用后该账户不能登录；其办理记录保留，可随时重新启用。</source>
        <translation>A disabled account cannot sign in; its records stay, and it can be enabled again at any time.</translation>
    </message>
    <message>
        <source>已重置 %1 的密码，锁定已解除；请将临时密码当面告知本人</source>
        <translation>The password of %1 is reset and any lock lifted; tell the person the temporary password face to face</translation>
    </message>
</context>
<context>
    <name>VerifyPanel</name>
    <message>
        <source>身份信息</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>参保缴费</source>
        <translation>Contributions</translation>
    </message>
    <message>
        <source>证书信息</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>资格核验结果</source>
        <translation>Eligibility check</translation>
    </message>
    <message>
        <source>请填写申请信息，系统将逐条核验</source>
        <translation>Fill in the application: every rule is checked as you type</translation>
    </message>
    <message>
        <source>尚未填写：</source>
        <translation>Still to fill in: </translation>
    </message>
    <message>
        <source>无法核验：</source>
        <translation>Cannot check: </translation>
    </message>
    <message>
        <source>✔ 符合申领条件</source>
        <translation>✔ Eligible</translation>
    </message>
    <message numerus="yes">
        <source>✘ 不符合申领条件（%n 项不符合）</source>
        <translation>
            <numerusform>✘ Not eligible (%n rule failed)</numerusform>
            <numerusform>✘ Not eligible (%n rules failed)</numerusform>
        </translation>
    </message>
    <message>
        <source>补贴金额：0 元</source>
        <translation>Subsidy: ¥0</translation>
    </message>
    <message>
        <source>适用政策：</source>
        <translation>Policy: </translation>
    </message>
    <message>
        <source>（延续执行）</source>
        <translation> (carried over)</translation>
    </message>
    <message>
        <source>申请期限：至%1（含）</source>
        <translation>Application deadline: until %1 (inclusive)</translation>
    </message>
    <message>
        <source>数据来源：</source>
        <translation>Data sources: </translation>
    </message>
    <message>
        <source>（暂定：该年度节假日安排尚未公布）</source>
        <translation> (provisional: that year&apos;s public holidays are not yet published)</translation>
    </message>
    <message>
        <source>✔ 符合</source>
        <translation>✔ Pass</translation>
    </message>
    <message>
        <source>✘ 不符合</source>
        <translation>✘ Fail</translation>
    </message>
    <message>
        <source>依据：</source>
        <translation>Basis: </translation>
    </message>
</context>
</TS>
