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
    <message>
        <source>应为 JSON 对象</source>
        <translation>should be a JSON object</translation>
    </message>
    <message>
        <source>应为数组</source>
        <translation>should be a list</translation>
    </message>
    <message>
        <source>缺少此项</source>
        <translation>is missing</translation>
    </message>
    <message>
        <source>应为文字</source>
        <translation>should be text</translation>
    </message>
    <message>
        <source>不能为空</source>
        <translation>must not be empty</translation>
    </message>
    <message>
        <source>应为整数，收到 {received}</source>
        <translation>should be a whole number; got {received}</translation>
    </message>
    <message>
        <source>应在 {low} 到 {high} 之间，收到 {received}</source>
        <translation>should be between {low} and {high}; got {received}</translation>
    </message>
    <message>
        <source>应为 true 或 false</source>
        <translation>should be true or false</translation>
    </message>
    <message>
        <source>应为日期 YYYY-MM-DD（如 2018-01-10），收到 {received}</source>
        <translation>should be a date YYYY-MM-DD (such as 2018-01-10); got {received}</translation>
    </message>
    <message>
        <source>日期格式应为 YYYY-MM-DD（如 2018-01-10），收到 {received}</source>
        <translation>the date should be written YYYY-MM-DD (such as 2018-01-10); got {received}</translation>
    </message>
    <message>
        <source>日期 {date} 不存在，请核对年、月、日</source>
        <translation>the date {date} does not exist; check the year, month and day</translation>
    </message>
    <message>
        <source>日期 {date} 不在可受理的范围内（{first_year}年至{last_year}年）</source>
        <translation>the date {date} is outside the range a case can carry ({first_year} to {last_year})</translation>
    </message>
    <message>
        <source>应为 skill_level 或 qualification，收到 {received}</source>
        <translation>should be skill_level or qualification; got {received}</translation>
    </message>
    <message>
        <source>应为 bank 或 sscard，收到 {received}</source>
        <translation>should be bank or sscard; got {received}</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>today</translation>
    </message>
    <message>
        <source>申请日期</source>
        <translation>the application date</translation>
    </message>
    <message>
        <source>请填写身份证号码</source>
        <translation>Enter the ID card number</translation>
    </message>
    <message>
        <source>身份证号码应为18位，实际{length}位</source>
        <translation>An ID card number has 18 characters; this one has {length}</translation>
    </message>
    <message>
        <source>身份证号码应为18位，实际15位；15位旧号码请换用二代身份证上的18位号码</source>
        <translation>An ID card number has 18 characters; this one has 15: use the 18-character number on the second-generation ID card instead of the old 15-digit one</translation>
    </message>
    <message>
        <source>身份证号码含有无效字符“{character}”：前17位应为数字，末位为数字或X</source>
        <translation>The ID card number contains an invalid character “{character}”: the first 17 must be digits, the last a digit or X</translation>
    </message>
    <message>
        <source>身份证号码前两位“{prefix}”不是有效的省级行政区划代码，请核对</source>
        <translation>The first two digits of the ID card number, “{prefix}”, are not a valid province code; please check</translation>
    </message>
    <message>
        <source>身份证号码中的出生日期“{birth}”不存在，请核对第7至14位</source>
        <translation>The birth date in the ID card number, “{birth}”, does not exist; check characters 7 to 14</translation>
    </message>
    <message>
        <source>身份证号码中的出生日期{birth}晚于{day}（{today}），请核对</source>
        <translation>The birth date in the ID card number, {birth}, is later than {day} ({today}); please check</translation>
    </message>
    <message>
        <source>身份证号码校验位不正确（末位应为{expected}），请逐位核对证件号码</source>
        <translation>The check character of the ID card number is wrong (the last should be {expected}); check the number character by character</translation>
    </message>
    <message>
        <source>请填写统一社会信用代码</source>
        <translation>Enter the unified social credit code</translation>
    </message>
    <message>
        <source>统一社会信用代码应为18位，实际{length}位</source>
        <translation>A unified social credit code has 18 characters; this one has {length}</translation>
    </message>
    <message>
        <source>统一社会信用代码含有无效字符“{character}”：只使用数字和除I、O、S、V、Z以外的大写字母</source>
        <translation>The unified social credit code contains an invalid character “{character}”: use only digits and capital letters other than I, O, S, V and Z</translation>
    </message>
    <message>
        <source>统一社会信用代码校验位不正确（末位应为{expected}），请逐位核对</source>
        <translation>The check character of the unified social credit code is wrong (the last should be {expected}); check it character by character</translation>
    </message>
    <message>
        <source>请填写银行卡号</source>
        <translation>Enter the bank card number</translation>
    </message>
    <message>
        <source>银行卡号只能包含数字，发现无效字符“{character}”</source>
        <translation>A bank card number has digits only; found an invalid character “{character}”</translation>
    </message>
    <message>
        <source>银行卡号应为12至19位数字，实际{length}位</source>
        <translation>A bank card number has 12 to 19 digits; this one has {length}</translation>
    </message>
    <message>
        <source>行政区划代码含有无效字符“{character}”，应为6位数字</source>
        <translation>The region code contains an invalid character “{character}”; it should be 6 digits</translation>
    </message>
    <message>
        <source>请填写行政区划代码</source>
        <translation>Enter the region code</translation>
    </message>
    <message>
        <source>行政区划代码应为6位数字，实际为“{region}”</source>
        <translation>A region code has 6 digits; got “{region}”</translation>
    </message>
    <message>
        <source>行政区划代码“{region}”不在行政区划代码表中，请核对</source>
        <translation>The region code “{region}” is not in the list of region codes; please check</translation>
    </message>
    <message>
        <source>密码至少需要{length}个字符</source>
        <translation>A password needs at least {length} characters</translation>
    </message>
    <message>
        <source>用户名应为1至64位字母、数字或 . _ - @</source>
        <translation>A user name is 1 to 64 letters, digits or . _ - @</translation>
    </message>
    <message>
        <source>姓名不能为空</source>
        <translation>The name must not be empty</translation>
    </message>
    <message>
        <source>未知角色 {role}</source>
        <translation>unknown role {role}</translation>
    </message>
    <message>
        <source>经办机构代码应为6位数字</source>
        <translation>An office code has 6 digits</translation>
    </message>
    <message>
        <source>用户名 {username} 已存在，请换一个</source>
        <translation>The user name {username} is taken; choose another</translation>
    </message>
    <message>
        <source>没有用户 {username}</source>
        <translation>No user {username}</translation>
    </message>
    <message>
        <source>不能停用自己的账户</source>
        <translation>You cannot disable your own account</translation>
    </message>
    <message>
        <source>{name}（{username}）是最后一个启用的管理员账户，不能停用；请先新建或启用另一个管理员账户</source>
        <translation>{name} ({username}) is the last active administrator account and cannot be disabled; first create or enable another administrator account</translation>
    </message>
    <message>
        <source>{name}（{username}）是最后一个启用的管理员账户，不能改为其他角色；请先新建或启用另一个管理员账户</source>
        <translation>{name} ({username}) is the last active administrator account and cannot be given another role; first create or enable another administrator account</translation>
    </message>
    <message>
        <source>无法写入（只读或权限不足），请检查文件夹权限</source>
        <translation>cannot be written (read-only or not permitted); check the folder&apos;s permissions</translation>
    </message>
    <message>
        <source>所在磁盘已满，请清理磁盘空间后重试</source>
        <translation>its disk is full; free some space and try again</translation>
    </message>
    <message>
        <source>不存在或已被移走，请检查数据文件夹位置</source>
        <translation>does not exist or has been moved; check where the data folder is</translation>
    </message>
    <message>
        <source>无法访问（{reason}）</source>
        <translation>cannot be accessed ({reason})</translation>
    </message>
    <message>
        <source>{path} 是文件夹，请给出文件名</source>
        <translation>{path} is a folder; give a file name</translation>
    </message>
    <message>
        <source>文件夹 {folder} 不存在</source>
        <translation>The folder {folder} does not exist</translation>
    </message>
    <message>
        <source>{file}：无法读取：{reason}</source>
        <translation>{file}: cannot be read: {reason}</translation>
    </message>
    <message>
        <source>发放文件应为 .csv 或 .xlsx，收到“{file}”</source>
        <translation>A payment file is .csv or .xlsx; got “{file}”</translation>
    </message>
    <message>
        <source>文件 {file} 已存在，请换一个文件名（已导出的发放文件不会被覆盖）</source>
        <translation>The file {file} already exists; choose another name (payment files already exported are never overwritten)</translation>
    </message>
    <message>
        <source>没有待发放的案件</source>
        <translation>No cases to pay</translation>
    </message>
    <message>
        <source>没有待发放的案件（{count}件不符合发放条件，未导出：{refused}）</source>
        <translation>No cases to pay ({count} do not qualify for payment and were not exported: {refused})</translation>
    </message>
    <message>
        <source>请写明更正或重新发放的原因</source>
        <translation>Say why the payment is corrected or sent again</translation>
    </message>
    <message>
        <source>{file}：结果文件有{count}处问题，未导入任何内容：{problems}</source>
        <translation>{file}: the result file has {count} problems; nothing was imported: {problems}</translation>
    </message>
    <message>
        <source>{file}：文件是空的，没有表头</source>
        <translation>{file}: the file is empty; it has no header row</translation>
    </message>
    <message>
        <source>{file}：缺少必需的列 {columns}；表头应为 {header}</source>
        <translation>{file}: required columns are missing: {columns}; the header should be {header}</translation>
    </message>
    <message>
        <source>{file}：只有表头，没有数据行</source>
        <translation>{file}: there is only the header row, no data</translation>
    </message>
    <message>
        <source>社会保障卡账号应为数字或字母，不超过40位</source>
        <translation>A social security card account is digits or letters, at most 40</translation>
    </message>
    <message>
        <source>户名“{holder}”不是申请人本人；补贴只能发放到申请人本人账户</source>
        <translation>The account holder “{holder}” is not the applicant; the subsidy is paid only into the applicant&apos;s own account</translation>
    </message>
    <message>
        <source>案件 {case_no} 当前状态为“{state}”，不能变更收款账户</source>
        <translation>Case {case_no} is “{state}”; its payee account cannot be changed</translation>
    </message>
    <message>
        <source>案件 {case_no} 已在发放批次中，待银行结果导入后才能变更收款账户</source>
        <translation>Case {case_no} is in a payment batch; its payee account can be changed once the bank&apos;s result is imported</translation>
    </message>
    <message>
        <source>收款账户没有变化</source>
        <translation>The payee account has not changed</translation>
    </message>
    <message>
        <source>案件 {case_no} 已有一项收款账户变更待确认，请先确认或不予采纳</source>
        <translation>Case {case_no} already has a payee account change waiting; confirm or decline it first</translation>
    </message>
    <message>
        <source>案件 {case_no} 没有待确认的收款账户变更</source>
        <translation>Case {case_no} has no payee account change waiting</translation>
    </message>
    <message>
        <source>请写明不予采纳的原因</source>
        <translation>Say why the change is declined</translation>
    </message>
    <message>
        <source>案件 {case_no} 有{count}项风险提示尚未核查解除：{flags}。请逐项核查并写明核查意见后解除，或驳回申请</source>
        <translation>Case {case_no} has {count} risk flags not yet checked and cleared: {flags}. Check each, write what you found and clear it, or reject the application</translation>
    </message>
    <message>
        <source>案件 {case_no} 的证书等级按适用政策没有补贴标准，不能通过审核，请驳回</source>
        <translation>The applicable policy sets no subsidy for the certificate level of case {case_no}; it cannot pass review: reject it</translation>
    </message>
    <message>
        <source>该案件系对核验结论有异议而受理的，审核通过须写明审核意见</source>
        <translation>This case was accepted against the verification result: passing its review needs a review note</translation>
    </message>
    <message>
        <source>该案件有尚未答复的公示异议，审核通过须写明对异议的核查意见</source>
        <translation>This case has a publicity objection not yet answered: passing its review needs a note on what the check of the objection found</translation>
    </message>
    <message>
        <source>文件格式错误：{error}</source>
        <translation>the file is not well-formed: {error}</translation>
    </message>
    <message>
        <source>无法读取：{error}</source>
        <translation>cannot be read: {error}</translation>
    </message>
    <message>
        <source>不认识的项（拼写错误？）</source>
        <translation>unknown entry (misspelt?)</translation>
    </message>
    <message>
        <source>缺少此表</source>
        <translation>this table is missing</translation>
    </message>
    <message>
        <source>应为整数，实际为 {actual}</source>
        <translation>should be a whole number; it is {actual}</translation>
    </message>
    <message>
        <source>应不小于{smallest}，实际为 {actual}</source>
        <translation>should be at least {smallest}; it is {actual}</translation>
    </message>
    <message>
        <source>解除风险提示须写明核查意见</source>
        <translation>Clearing a risk flag needs a note of what the check found</translation>
    </message>
    <message>
        <source>未找到风险提示：{flag}</source>
        <translation>No such risk flag: {flag}</translation>
    </message>
    <message>
        <source>该风险提示已解除</source>
        <translation>This risk flag has already been cleared</translation>
    </message>
    <message>
        <source>无法写入 {path}：{reason}</source>
        <translation>Cannot write {path}: {reason}</translation>
    </message>
    <message>
        <source>{path} 是文件夹；请给出 CSV 文件名</source>
        <translation>{path} is a folder; give a CSV file name</translation>
    </message>
    <message>
        <source>本机还没有参保人员名册：请先导入参保人员名册或与中心系统同步后再筛查</source>
        <translation>This computer has no register of insured people yet: import the register of insured people or sync with the central system first, then screen</translation>
    </message>
    <message>
        <source>本机还没有证书名册：请先导入证书名册或与中心系统同步后再筛查</source>
        <translation>This computer has no register of certificates yet: import the register of certificates or sync with the central system first, then screen</translation>
    </message>
    <message>
        <source>数据文件夹 {data_dir} 的数据库无法打开：文件已损坏，或已加密而缺少密钥标识文件 {key_id_file}（请由管理员导入该文件夹导出的密钥）</source>
        <translation>The database of the data folder {data_dir} cannot be opened: the file is damaged, or it is encrypted and the key id file {key_id_file} is missing (ask an administrator to import the key exported from that folder)</translation>
    </message>
    <message>
        <source>数据文件夹 {data_dir} 的数据库已加密，本机当前用户没有它的密钥（{key_id}）：请由管理员在原来的电脑上导出密钥，再在本机导入</source>
        <translation>The database of the data folder {data_dir} is encrypted and the current user of this computer does not have its key ({key_id}): ask an administrator to export the key on the original computer and import it on this one</translation>
    </message>
    <message>
        <source>{case_no}：案件尚未受理，没有受理回执</source>
        <translation>{case_no}: the case has not been accepted yet, so there is no acceptance receipt</translation>
    </message>
    <message>
        <source>{case_no}：案件已撤回，不再出具受理回执</source>
        <translation>{case_no}: the case was withdrawn; no acceptance receipt is issued any more</translation>
    </message>
    <message>
        <source>{case_no}：案件状态为“{state}”，已不再补充材料，不出具一次性告知书</source>
        <translation>{case_no}: the case is “{state}” and takes no more materials; no one-time notice of missing materials is issued</translation>
    </message>
    <message>
        <source>{case_no}：申请材料已齐全，没有需要一次性告知的材料</source>
        <translation>{case_no}: the application materials are complete; there is nothing for a one-time notice</translation>
    </message>
    <message>
        <source>{case_no}：案件尚未作出决定（当前状态：{state}），不能出具审核决定书</source>
        <translation>{case_no}: the case has not been decided yet (now: {state}); no decision letter can be issued</translation>
    </message>
    <message>
        <source>{case_no}：不予核发决定没有记载理由（核验各项均符合，审核人也未写明理由），不能出具审核决定书</source>
        <translation>{case_no}: the refusal records no reason (every check passed and the reviewer wrote none); no decision letter can be issued</translation>
    </message>
    <message>
        <source>{case_no}：已批准案件的补贴金额为0，请核对后再出具审核决定书</source>
        <translation>{case_no}: the approved case&apos;s subsidy amount is 0; check it before issuing the decision letter</translation>
    </message>
    <message>
        <source>{case_no}：案件状态为“{state}”，不是发放失败，不出具发放失败补正通知书</source>
        <translation>{case_no}: the case is “{state}”, not a failed payment; no notice to correct a failed payment is issued</translation>
    </message>
    <message>
        <source>{case_no}：案件状态为“{state}”，尚未撤回，不出具申请撤回确认书</source>
        <translation>{case_no}: the case is “{state}” and has not been withdrawn; no withdrawal confirmation is issued</translation>
    </message>
    <message>
        <source>应为 a4 或 80mm，收到 {received}</source>
        <translation>Should be a4 or 80mm, got {received}</translation>
    </message>
    <message>
        <source>没有这种文书：{kind}</source>
        <translation>No such document: {kind}</translation>
    </message>
    <message>
        <source>无法打印：字符 {characters} 不在随附的任何字体中，打印出来会缺字。请核对该字（如为异体字，请按身份证件上的写法改用通用规范汉字）后重新打印</source>
        <translation>Cannot print: the characters {characters} are in none of the bundled fonts and would be missing on paper. Check the character (for a variant form, use the standard character as written on the ID card) and print again</translation>
    </message>
    <message>
        <source>公示批次 {batch_no} 尚未发布，发布后才能打印公示名单</source>
        <translation>Publicity batch {batch_no} has not been published yet; its publicity list can be printed once it is published</translation>
    </message>
    <message>
        <source>{path} 是文件夹，请给出 PDF 文件名</source>
        <translation>{path} is a folder; give a PDF file name</translation>
    </message>
    <message>
        <source>文件名应以 {suffixes} 结尾，收到 {name}</source>
        <translation>The file name should end in {suffixes}, got {name}</translation>
    </message>
    <message>
        <source>{first} 或 {second}</source>
        <translation>{first} or {second}</translation>
    </message>
    <message>
        <source>{folder} 不是文件夹；按单位打印名单时应给出一个文件夹</source>
        <translation>{folder} is not a folder; printing the lists by employer needs a folder</translation>
    </message>
    <message>
        <source>无法建立文件夹 {folder}：{reason}</source>
        <translation>Cannot create the folder {folder}: {reason}</translation>
    </message>
    <message>
        <source>中心系统地址应形如 https://zhanchi.example.gov.cn 或 http://127.0.0.1:8700，收到“{url}”</source>
        <translation>The central system&apos;s address should look like https://zhanchi.example.gov.cn or http://127.0.0.1:8700, got “{url}”</translation>
    </message>
    <message>
        <source>中心系统地址须以 https:// 开头（加密传输并校验证书），收到“{url}”；明文 http:// 只能用于本机地址（127.0.0.1），或在注册时明确同意以明文连接（将记入日志）</source>
        <translation>The central system&apos;s address must start with https:// (encrypted, certificate checked), got “{url}”; plain http:// is only for this computer&apos;s own address (127.0.0.1), or when plain-text connection is explicitly agreed to at registration (it is logged)</translation>
    </message>
    <message>
        <source>无法读取证书文件“{file}”（应为 PEM 格式的 CA 证书）：{error}</source>
        <translation>Cannot read the certificate file “{file}” (it should be a CA certificate in PEM format): {error}</translation>
    </message>
    <message>
        <source>中心系统无响应（{error}）：{url}</source>
        <translation>The central system does not answer ({error}): {url}</translation>
    </message>
    <message>
        <source>中心系统 {url} 的证书无法验证（不是受信任的机构签发，或与地址不符）；省级自建 CA 请在注册时指定其证书</source>
        <translation>The certificate of the central system {url} cannot be verified (not issued by a trusted authority, or not for this address); for a province&apos;s own CA, give its certificate at registration</translation>
    </message>
    <message>
        <source>无法连接中心系统 {url}（{error}）</source>
        <translation>Cannot connect to the central system {url} ({error})</translation>
    </message>
    <message>
        <source>中心系统暂时无法处理请求（HTTP {status}）：{detail}</source>
        <translation>The central system cannot handle the request for now (HTTP {status}): {detail}</translation>
    </message>
    <message>
        <source>中心系统不接受请求（HTTP {status}）：{detail}</source>
        <translation>The central system does not accept the request (HTTP {status}): {detail}</translation>
    </message>
    <message>
        <source>中心系统的应答无法识别（{error}）</source>
        <translation>The central system&apos;s answer cannot be read ({error})</translation>
    </message>
    <message>
        <source>身份证号码“{id_number}”格式不对，未向中心系统查询</source>
        <translation>The ID number “{id_number}” is malformed; the central system was not asked</translation>
    </message>
    <message>
        <source>中心系统的应答与提交的变更不对应</source>
        <translation>The central system&apos;s answer does not match the changes sent</translation>
    </message>
    <message>
        <source>中心系统说还有更新，却没有推进同步游标</source>
        <translation>The central system says there are more updates but did not move the sync cursor</translation>
    </message>
    <message>
        <source>本机尚未注册到中心系统，请先注册本机（凭中心系统管理员发放的注册令牌）</source>
        <translation>This computer is not registered with the central system yet; register it first (with the registration token the central system&apos;s administrator issues)</translation>
    </message>
    <message>
        <source>数据文件夹 {folder} 中还没有数据，本机也未注册到中心系统</source>
        <translation>The data folder {folder} holds no data yet, and this computer is not registered with the central system</translation>
    </message>
    <message>
        <source>办事处代码应为6位数字，收到“{office}”</source>
        <translation>The office code should be 6 digits, got “{office}”</translation>
    </message>
    <message>
        <source>本机名称应为1到64个字</source>
        <translation>This computer&apos;s name should be 1 to 64 characters</translation>
    </message>
    <message>
        <source>本数据文件夹属于办事处 {office}，不能注册到 {other}</source>
        <translation>This data folder belongs to office {office}; it cannot be registered for {other}</translation>
    </message>
    <message>
        <source>无法保存设备凭据 {path}：{reason}</source>
        <translation>Cannot save the device credential {path}: {reason}</translation>
    </message>
    <message>
        <source>无法读取 {file}：{reason}</source>
        <translation>Cannot read {file}: {reason}</translation>
    </message>
    <message>
        <source>{file} 不是 UTF-8 编码的文本</source>
        <translation>{file} is not UTF-8 text</translation>
    </message>
    <message>
        <source>找不到备份文件 {file}</source>
        <translation>Backup file {file} not found</translation>
    </message>
    <message>
        <source>找不到密钥文件 {file}</source>
        <translation>Key file {file} not found</translation>
    </message>
    <message>
        <source>{file} 的第一行是空的</source>
        <translation>The first line of {file} is empty</translation>
    </message>
    <message>
        <source>不是有效的 JSON（第{line}行第{column}列：{error}）</source>
        <translation>Not valid JSON (line {line}, column {column}: {error})</translation>
    </message>
    <message>
        <source>JSON 嵌套层数过多，不是受理数据</source>
        <translation>The JSON is nested too deeply; it is not intake data</translation>
    </message>
    <message>
        <source>JSON 中有位数过多的数字，不是受理数据</source>
        <translation>The JSON has a number with too many digits; it is not intake data</translation>
    </message>
    <message>
        <source>数据文件夹 {folder} 中还没有数据</source>
        <translation>The data folder {folder} holds no data yet</translation>
    </message>
    <message>
        <source>数据文件夹 {folder} 中还没有案件数据</source>
        <translation>The data folder {folder} holds no cases yet</translation>
    </message>
    <message>
        <source>没有公示批次 {batch}（数据文件夹 {folder} 中还没有数据）</source>
        <translation>No publicity batch {batch} (the data folder {folder} holds no data yet)</translation>
    </message>
    <message>
        <source>没有公示批次 {batch}，请核对批次号</source>
        <translation>No publicity batch {batch}; check the batch number</translation>
    </message>
    <message>
        <source>没有此案件 {case_no}（数据文件夹 {folder} 中还没有案件数据）</source>
        <translation>No case {case_no} (the data folder {folder} holds no cases yet)</translation>
    </message>
    <message>
        <source>没有此案件 {case_no}，请核对受理编号</source>
        <translation>No case {case_no}; check the case number</translation>
    </message>
    <message>
        <source>没有用户 {username}，或该账户已停用</source>
        <translation>No user {username}, or the account is disabled</translation>
    </message>
    <message>
        <source>{username}（{role}）无权受理案件</source>
        <translation>{username} ({role}) may not accept cases</translation>
    </message>
    <message>
        <source>{username}（{role}）无权办理发放</source>
        <translation>{username} ({role}) may not handle payments</translation>
    </message>
    <message>
        <source>{data_dir} 中没有可用的备份</source>
        <translation>{data_dir} holds no usable backup</translation>
    </message>
    <message>
        <source>两次输入的口令不一致</source>
        <translation>The two passphrases differ</translation>
    </message>
    <message>
        <source>应为非负整数</source>
        <translation>Should be a whole number, zero or more</translation>
    </message>
    <message>
        <source>应不少于 {least}，收到 {received}</source>
        <translation>Should be at least {least}, got {received}</translation>
    </message>
    <message>
        <source>应为1到{most}之间的整数</source>
        <translation>Should be a whole number from 1 to {most}</translation>
    </message>
    <message>
        <source>应为1到{most}之间的整数，收到 {received}</source>
        <translation>Should be a whole number from 1 to {most}, got {received}</translation>
    </message>
    <message>
        <source>未知指标 {unknown}（可用：{known}）</source>
        <translation>Unknown measures {unknown} (known: {known})</translation>
    </message>
    <message>
        <source>不得小于设定的保存年限（结案后{years}年）</source>
        <translation>May not be less than the set retention period ({years} years after closing)</translation>
    </message>
    <message>
        <source>设定保存年限须写明管理员账号</source>
        <translation>Setting the retention period needs an administrator&apos;s account</translation>
    </message>
    <message>
        <source>{period} 尚未到来（机构所在时区今天是 {today}）</source>
        <translation>{period} has not come yet (today in the office&apos;s time zone is {today})</translation>
    </message>
    <message>
        <source>{period} 尚未开始（机构所在时区今天是 {today}）</source>
        <translation>{period} has not begun yet (today in the office&apos;s time zone is {today})</translation>
    </message>
    <message>
        <source>日期应写成 YYYY-MM-DD，收到“{received}”</source>
        <translation>The date should be written YYYY-MM-DD, got “{received}”</translation>
    </message>
    <message>
        <source>应为非空的文字数组</source>
        <translation>should be a non-empty list of texts</translation>
    </message>
    <message>
        <source>花括号不配对：{error}</source>
        <translation>the braces do not pair: {error}</translation>
    </message>
    <message>
        <source>没有占位符 {{{placeholder}}}（可用：{known}）</source>
        <translation>there is no placeholder {{{placeholder}}} (available: {known})</translation>
    </message>
    <message>
        <source>应为不小于10的整数（一条短信70个汉字）</source>
        <translation>should be a whole number of at least 10 (one text message holds 70 Chinese characters)</translation>
    </message>
    <message>
        <source>应为 等级 = &quot;文字&quot; 的表，等级为1至5</source>
        <translation>should be a table of level = &quot;words&quot;, levels 1 to 5</translation>
    </message>
    <message>
        <source>应为文字，例如 &quot;{{year}}年{{month}}月{{day}}日&quot;</source>
        <translation>should be text, such as &quot;{{year}}-{{month}}-{{day}}&quot;</translation>
    </message>
    <message>
        <source>只能使用 {{year}} {{month}} {{day}}：{error}</source>
        <translation>may use only {{year}} {{month}} {{day}}: {error}</translation>
    </message>
    <message>
        <source>尚未设置{settings}，不能出具审核决定书；请管理员在“设置”的“本机构（审核决定书）”中填写</source>
        <translation>{settings} not set yet: no review decision can be issued; an administrator fills it in under “Settings”, “This office (review decisions)”</translation>
    </message>
    <message>
        <source>尚未设置{settings}，不能打印公示名单；请管理员在“设置”的“本机构（公示名单）”中填写</source>
        <translation>{settings} not set yet: no publicity list can be printed; an administrator fills it in under “Settings”, “This office (publicity lists)”</translation>
    </message>
    <message>
        <source>只能是一行文字（不能含换行或控制字符）</source>
        <translation>must be one line of text (no line breaks or control characters)</translation>
    </message>
    <message>
        <source>不能超过{longest}个字符，收到{length}个</source>
        <translation>may be at most {longest} characters; got {length}</translation>
    </message>
    <message>
        <source>决定机关应为人力资源社会保障部门（或其经办机构）的名称，服务窗口、大厅不能作出决定</source>
        <translation>The deciding body must be the name of a human resources and social security department (or its agency); a service window or hall cannot make decisions</translation>
    </message>
    <message>
        <source>只填年份前的部分，如“穗天人社技补决”：年份〔2026〕和序号由系统编排</source>
        <translation>Enter only the part before the year (the issuer&apos;s abbreviation): the year in brackets and the number are added by the system</translation>
    </message>
    <message>
        <source>应为人民法院的全称，如“广州铁路运输法院”</source>
        <translation>should be the full name of a people&apos;s court (ending in the word for court)</translation>
    </message>
    <message>
        <source>应为本机构受理异议的电话（含区号，如“020-38881234”），不能只填12333</source>
        <translation>should be this office&apos;s telephone for objections (with the area code, such as “020-38881234”), not just 12333</translation>
    </message>
    <message>
        <source>应为本机构受理异议的详细地址（街道、门牌，如“广州市天河区天河北路123号一楼”），不能只填行政区划名称</source>
        <translation>should be the street address where this office takes objections (street and number), not just the name of a region</translation>
    </message>
    <message>
        <source>应为 insured 或 certificates，收到“{kind}”</source>
        <translation>should be insured or certificates; got “{kind}”</translation>
    </message>
    <message>
        <source>已取消，未导入任何数据</source>
        <translation>Cancelled; nothing was imported</translation>
    </message>
    <message>
        <source>{count}行有错误，未导入</source>
        <translation>{count} rows have errors; nothing was imported</translation>
    </message>
    <message>
        <source>{count}行有错误，未导入（{first}）</source>
        <translation>{count} rows have errors; nothing was imported ({first})</translation>
    </message>
    <message>
        <source>{file}：含有不是 {encoding} 编码的字符；{save_as}</source>
        <translation>{file}: contains characters that are not {encoding}; {save_as}</translation>
    </message>
    <message>
        <source>{file}：不是有效的 CSV 文件（{error}）</source>
        <translation>{file}: not a valid CSV file ({error})</translation>
    </message>
    <message>
        <source>{file}：不是有效的 XLSX 文件（{error}）</source>
        <translation>{file}: not a valid XLSX file ({error})</translation>
    </message>
    <message>
        <source>{file}：不是文件</source>
        <translation>{file}: not a file</translation>
    </message>
    <message>
        <source>{file}：文件不存在</source>
        <translation>{file}: the file does not exist</translation>
    </message>
    <message>
        <source>{file}：看起来是 Excel 工作簿而不是 CSV；请把扩展名改为 .xlsx</source>
        <translation>{file}: looks like an Excel workbook, not CSV; change its extension to .xlsx</translation>
    </message>
    <message>
        <source>{file}：不是有效的 XLSX 文件；请用 Excel 另存为 .xlsx 或 CSV UTF-8</source>
        <translation>{file}: not a valid XLSX file; save it from Excel as .xlsx or CSV UTF-8</translation>
    </message>
    <message>
        <source>{file}：是旧版 Excel（.xls）文件；请另存为 .xlsx 或 CSV UTF-8 后再导入</source>
        <translation>{file}: an old Excel (.xls) file; save it as .xlsx or CSV UTF-8, then import</translation>
    </message>
    <message>
        <source>{file}：只能导入 CSV（.csv）或 Excel（.xlsx）文件</source>
        <translation>{file}: only CSV (.csv) or Excel (.xlsx) files can be imported</translation>
    </message>
    <message>
        <source>{file}：读取时出错：{reason}</source>
        <translation>{file}: reading failed: {reason}</translation>
    </message>
    <message>
        <source>“{column}”不是{kind}文件的列；可用的列：{columns}</source>
        <translation>“{column}” is not a column of a {kind} file; the columns are: {columns}</translation>
    </message>
    <message>
        <source>{file}：第{first}列和第{second}列都对应 {column}，请只保留一列</source>
        <translation>{file}: columns {first} and {second} both stand for {column}; keep only one</translation>
    </message>
    <message>
        <source>{file}：缺少必需的列 {columns}；表头应包含 {header}</source>
        <translation>{file}: required columns are missing: {columns}; the header should include {header}</translation>
    </message>
    <message>
        <source>请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入</source>
        <translation>save it in Excel as “CSV UTF-8 (Comma delimited)”, then import</translation>
    </message>
    <message>
        <source>{file}：第{line}行{problem}；{save_as}</source>
        <translation>{file}: line {line} {problem}; {save_as}</translation>
    </message>
    <message>
        <source>有无法解读的字节</source>
        <translation>has bytes that cannot be read</translation>
    </message>
    <message>
        <source>有不是文字的字符 {code_point}</source>
        <translation>has a character that is not text, {code_point}</translation>
    </message>
    <message>
        <source>出现登记数据中不会有的字符 {shown}</source>
        <translation>has a character registry data never holds: {shown}</translation>
    </message>
    <message>
        <source>起的汉字多为生僻字（全文{ideographs}个汉字中{rare}个不在常用的 GB2312 字表），不像中文文本，而像其他编码被误读</source>
        <translation>onwards the Chinese characters are mostly rare ({rare} of the file&apos;s {ideographs} are not in the common GB2312 set): not Chinese text but another encoding misread</translation>
    </message>
    <message>
        <source>{problem}：文件开头标明是 UTF-8，这一行却不是 UTF-8</source>
        <translation>{problem}: the file starts by saying it is UTF-8, but this line is not</translation>
    </message>
    <message>
        <source>是 UTF-32 编码（文件开头标明），本程序只读 UTF-8、GB18030/GBK 或 UTF-16</source>
        <translation>is UTF-32 (as the file&apos;s start says); this program reads only UTF-8, GB18030/GBK or UTF-16</translation>
    </message>
    <message>
        <source>{problem}：文件开头标明是 UTF-16，这一行却不是有效的 UTF-16</source>
        <translation>{problem}: the file starts by saying it is UTF-16, but this line is not valid UTF-16</translation>
    </message>
    <message>
        <source>含有空字符：像是开头没有 BOM 标记的 UTF-16，或不是文本文件</source>
        <translation>has null characters: it looks like UTF-16 without a BOM at its start, or not a text file</translation>
    </message>
    <message>
        <source>{problem}：前面各行是 UTF-8，这一行却不是（文件混有两种编码）</source>
        <translation>{problem}: the lines before are UTF-8 but this one is not (the file mixes two encodings)</translation>
    </message>
    <message>
        <source>{problem}：文件像是繁体中文 Big5 编码，本程序只读 UTF-8、GB18030/GBK 或 UTF-16</source>
        <translation>{problem}: the file looks like Traditional Chinese Big5; this program reads only UTF-8, GB18030/GBK or UTF-16</translation>
    </message>
    <message>
        <source>{problem}：文件不是 UTF-8、GB18030/GBK 或 UTF-16 编码</source>
        <translation>{problem}: the file is not UTF-8, GB18030/GBK or UTF-16</translation>
    </message>
    <message>
        <source>整数</source>
        <translation>a whole number</translation>
    </message>
    <message>
        <source>文字</source>
        <translation>text</translation>
    </message>
    <message>
        <source>数组</source>
        <translation>a list</translation>
    </message>
    <message>
        <source>表</source>
        <translation>a table</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>a date</translation>
    </message>
    <message>
        <source>应为{kind}，实际为 {actual}</source>
        <translation>should be {kind}; it is {actual}</translation>
    </message>
    <message>
        <source>应为表</source>
        <translation>should be a table</translation>
    </message>
    <message>
        <source>等级应为1至5</source>
        <translation>a level is 1 to 5</translation>
    </message>
    <message>
        <source>金额不能为负数</source>
        <translation>an amount cannot be negative</translation>
    </message>
    <message>
        <source>没有这条规则（已知规则：{known}）</source>
        <translation>there is no such rule (the rules are: {known})</translation>
    </message>
    <message>
        <source>应为1至5的整数数组</source>
        <translation>should be a list of whole numbers 1 to 5</translation>
    </message>
    <message>
        <source>应为 prefecture（地市级统筹）或 province（省级统筹）</source>
        <translation>should be prefecture (pooled by prefecture) or province (pooled by province)</translation>
    </message>
    <message>
        <source>应为统一社会信用代码首位的一个字符（数字或除I、O、S、V、Z以外的大写字母）</source>
        <translation>should be one character, the first of a unified social credit code (a digit or a capital letter other than I, O, S, V, Z)</translation>
    </message>
    <message>
        <source>参保缴费记录和证书由经办机构通过联网查询、信息比对核查（人社部发〔2017〕40号 二(二)），不列入申请人材料</source>
        <translation>Contribution records and certificates are checked by the office itself online and against other records (MOHRSS document No. 40 of 2017, II(2)); they are not among the applicant&apos;s materials</translation>
    </message>
    <message>
        <source>应为 identity（身份信息经信息共享核验后免于出示），或不写</source>
        <translation>should be identity (identity details checked through information sharing need not be shown), or left out</translation>
    </message>
    <message>
        <source>不是文件标题（文件标题以“通知”“意见”“办法”等文种结尾）；政策说明请写在 summary</source>
        <translation>is not a document title (a document title ends with its kind: notice, opinion, measures…); write a description of the policy under summary</translation>
    </message>
    <message>
        <source>缺少此项：写明本期政策的说明（有经核对原文的文件标题时另写 title）</source>
        <translation>is missing: describe this period&apos;s policy (and give title when the document&apos;s title has been checked against its text)</translation>
    </message>
    <message>
        <source>结束日期早于开始日期</source>
        <translation>the end date is before the start date</translation>
    </message>
    <message>
        <source>应为 confirmed（已核对原文）或 unconfirmed（未核实）</source>
        <translation>should be confirmed (checked against the original) or unconfirmed (not verified)</translation>
    </message>
    <message>
        <source>标为 confirmed（已核实）的来源须写明{what}</source>
        <translation>a source marked confirmed (verified) must give its {what}</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>document number</translation>
    </message>
    <message>
        <source>发文机关</source>
        <translation>issuing body</translation>
    </message>
    <message>
        <source>发文日期</source>
        <translation>date of issue</translation>
    </message>
    <message>
        <source>本文件没有改这条规则</source>
        <translation>this file does not change this rule</translation>
    </message>
    <message>
        <source>本文件没有设此项</source>
        <translation>this file does not set this entry</translation>
    </message>
    <message>
        <source>应为6位行政区划代码</source>
        <translation>should be a 6-digit region code</translation>
    </message>
    <message>
        <source>应为 national 或 regional，实际为 {actual}</source>
        <translation>should be national or regional; it is {actual}</translation>
    </message>
    <message>
        <source>政策编号 {policy} 重复</source>
        <translation>the policy id {policy} is used twice</translation>
    </message>
    <message>
        <source>与 {earlier} 的施行期间重叠（{earlier} 至 {ends_on}）</source>
        <translation>overlaps the period of {earlier} ({earlier} to {ends_on})</translation>
    </message>
    <message>
        <source>无结束日期</source>
        <translation>no end date</translation>
    </message>
    <message>
        <source>没有编号为 {policy} 的政策（已载入：{known}）</source>
        <translation>No policy with the id {policy} (loaded: {known})</translation>
    </message>
    <message>
        <source>申请日期{day}早于技能提升补贴政策施行日期{first}</source>
        <translation>The application date {day} is before the skills-upgrade subsidy policy came into force, {first}</translation>
    </message>
    <message>
        <source>（未载入政策）</source>
        <translation>(no policy loaded)</translation>
    </message>
    <message>
        <source>应为日期列表，例如 [2027-01-01, 2027-01-02]</source>
        <translation>should be a list of dates, such as [2027-01-01, 2027-01-02]</translation>
    </message>
    <message>
        <source>“{item}”含有时间，只需写日期（如 {year}-01-01）</source>
        <translation>“{item}” has a time; write the date only (such as {year}-01-01)</translation>
    </message>
    <message>
        <source>“{item}”不是有效日期，应写成 {year}-01-01 的形式</source>
        <translation>“{item}” is not a valid date; write it as {year}-01-01</translation>
    </message>
    <message>
        <source>“{item}”不是日期，应写成 {year}-01-01 的形式</source>
        <translation>“{item}” is not a date; write it as {year}-01-01</translation>
    </message>
    <message>
        <source>日期 {date} 不在 {year} 年内</source>
        <translation>the date {date} is not in {year}</translation>
    </message>
    <message>
        <source>文件名应为 holidays-年份.toml，例如 holidays-2027.toml</source>
        <translation>the file name should be holidays-year.toml, such as holidays-2027.toml</translation>
    </message>
    <message>
        <source>不是有效的 UTF-8 TOML 文件：{error}</source>
        <translation>not a valid UTF-8 TOML file: {error}</translation>
    </message>
    <message>
        <source>无法识别的键，只允许 year、source、holidays、workdays</source>
        <translation>unknown key; only year, source, holidays and workdays are allowed</translation>
    </message>
    <message>
        <source>缺少年份或年份不是整数，例如 year = 2027</source>
        <translation>the year is missing or not a whole number, such as year = 2027</translation>
    </message>
    <message>
        <source>年份 {year} 与文件名中的年份 {named} 不一致</source>
        <translation>the year {year} differs from the year in the file name, {named}</translation>
    </message>
    <message>
        <source>请写明依据的通知名称，例如 国务院办公厅关于2027年部分节假日安排的通知</source>
        <translation>name the notice this rests on, such as the State Council General Office&apos;s notice on the 2027 holiday arrangements</translation>
    </message>
    <message>
        <source>缺少此键；没有日期时写空列表 []</source>
        <translation>this key is missing; with no dates, write an empty list []</translation>
    </message>
    <message>
        <source>日期 {date} 同时列为放假和上班</source>
        <translation>the date {date} is listed both as a holiday and as a working day</translation>
    </message>
    <message>
        <source>{date} 是周一至周五，调休上班日应为周六或周日</source>
        <translation>{date} is a Monday to Friday; a make-up working day is a Saturday or Sunday</translation>
    </message>
    <message>
        <source>无法读取数据库密钥 {path}：{reason}</source>
        <translation>Cannot read the database key {path}: {reason}</translation>
    </message>
    <message>
        <source>数据库密钥 {path} 不能由当前 Windows 账户解开（{error}）</source>
        <translation>The database key {path} cannot be opened by the current Windows account ({error})</translation>
    </message>
    <message>
        <source>数据库密钥文件 {path} 已损坏</source>
        <translation>The database key file {path} is damaged</translation>
    </message>
    <message>
        <source>无法从系统密钥环读取数据库密钥：{error}</source>
        <translation>Cannot read the database key from the system keyring: {error}</translation>
    </message>
    <message>
        <source>系统密钥环中的数据库密钥已损坏</source>
        <translation>The database key in the system keyring is damaged</translation>
    </message>
    <message>
        <source>无法把数据库密钥存入系统密钥环：{error}</source>
        <translation>Cannot store the database key in the system keyring: {error}</translation>
    </message>
    <message>
        <source>本机已有标识为 {key_id} 的另一把数据库密钥，未覆盖</source>
        <translation>This computer already has another database key with the id {key_id}; it was not overwritten</translation>
    </message>
    <message>
        <source>数据库密钥存入 {where} 后读不回来</source>
        <translation>The database key was stored in {where} but cannot be read back</translation>
    </message>
    <message>
        <source>密钥文件夹 {keys} 在数据文件夹 {folder} 之内：密钥不能和数据库放在一起</source>
        <translation>The key folder {keys} is inside the data folder {folder}: keys may not be kept with the database</translation>
    </message>
    <message>
        <source>{path} 已加密，但找不到它所属数据文件夹的密钥标识（{key_id_file}）</source>
        <translation>{path} is encrypted, but the key id of its data folder ({key_id_file}) cannot be found</translation>
    </message>
    <message>
        <source>{path} 已存在，不会覆盖</source>
        <translation>{path} already exists and will not be overwritten</translation>
    </message>
    <message>
        <source>口令至少{length}个字符</source>
        <translation>A passphrase needs at least {length} characters</translation>
    </message>
    <message>
        <source>数据文件夹 {data_dir} 没有加密密钥（尚未打开过或未加密）</source>
        <translation>The data folder {data_dir} has no encryption key (never opened, or not encrypted)</translation>
    </message>
    <message>
        <source>{file} 不是导出的密钥文件，或口令不对</source>
        <translation>{file} is not an exported key file, or the passphrase is wrong</translation>
    </message>
    <message>
        <source>{file} 不是导出的密钥文件</source>
        <translation>{file} is not an exported key file</translation>
    </message>
    <message>
        <source>{file} 是另一个数据文件夹的密钥（{key_id}），本文件夹的是 {own}</source>
        <translation>{file} is the key of another data folder ({key_id}); this folder&apos;s is {own}</translation>
    </message>
    <message>
        <source>{file} 中的密钥打不开 {data_dir} 的数据库</source>
        <translation>The key in {file} does not open the database of {data_dir}</translation>
    </message>
    <message>
        <source>本机已有另一把同标识（{key_id}）的密钥，未覆盖</source>
        <translation>This computer already has another key with the same id ({key_id}); it was not overwritten</translation>
    </message>
    <message>
        <source>不能超过{longest}个字符</source>
        <translation>may be at most {longest} characters</translation>
    </message>
    <message>
        <source>{data_dir} 中没有数据库，无需备份</source>
        <translation>{data_dir} holds no database; nothing to back up</translation>
    </message>
    <message>
        <source>备份未通过完整性检查，已放弃：{problem}</source>
        <translation>The backup failed its integrity check and was discarded: {problem}</translation>
    </message>
    <message>
        <source>备份失败：{error}</source>
        <translation>The backup failed: {error}</translation>
    </message>
    <message>
        <source>备份失败：备份文件夹 {folder} {reason}</source>
        <translation>The backup failed: the backup folder {folder} {reason}</translation>
    </message>
    <message>
        <source>{file} 不能用于恢复：{problem}</source>
        <translation>{file} cannot be restored: {problem}</translation>
    </message>
    <message>
        <source>恢复失败：数据文件夹 {data_dir} {reason}</source>
        <translation>The restore failed: the data folder {data_dir} {reason}</translation>
    </message>
    <message>
        <source>请填写身份证号码或统一社会信用代码</source>
        <translation>Enter an ID card number or a unified social credit code</translation>
    </message>
    <message>
        <source>应为 person（申请人）或 employer（用人单位）</source>
        <translation>should be person (the applicant) or employer</translation>
    </message>
    <message>
        <source>未找到诚信档案记录：{record}</source>
        <translation>No such integrity record: {record}</translation>
    </message>
    <message>
        <source>该诚信档案记录已撤销</source>
        <translation>This integrity record has already been revoked</translation>
    </message>
    <message>
        <source>加密数据库失败（原文件未动）：{error}</source>
        <translation>Encrypting the database failed (the original file is untouched): {error}</translation>
    </message>
    <message>
        <source>数据文件夹 {data_dir} {reason}</source>
        <translation>The data folder {data_dir} {reason}</translation>
    </message>
    <message>
        <source>数据库正被其他程序占用，请稍后重试</source>
        <translation>The database is in use by another program; try again shortly</translation>
    </message>
    <message>
        <source>读写数据文件出错（磁盘故障或文件被移走），请检查数据文件夹</source>
        <translation>Reading or writing the data file failed (a disk fault, or the file was moved); check the data folder</translation>
    </message>
    <message>
        <source>数据文件夹为只读，无法保存，请检查文件夹权限</source>
        <translation>The data folder is read-only and nothing can be saved; check the folder&apos;s permissions</translation>
    </message>
    <message>
        <source>磁盘已满，无法保存，请清理磁盘空间后重试</source>
        <translation>The disk is full and nothing can be saved; free some space and try again</translation>
    </message>
    <message>
        <source>无法打开数据文件，请检查数据文件夹是否存在且可写</source>
        <translation>The data file cannot be opened; check that the data folder exists and can be written</translation>
    </message>
    <message>
        <source>数据文件已损坏或不是本程序的数据库</source>
        <translation>The data file is damaged or not this program&apos;s database</translation>
    </message>
    <message>
        <source>数据文件已损坏，请从备份恢复</source>
        <translation>The data file is damaged; restore it from a backup</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>The name</translation>
    </message>
    <message>
        <source>户名</source>
        <translation>The account holder</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>The employer&apos;s name</translation>
    </message>
    <message>
        <source>{what}不能为空</source>
        <translation>{what} must not be empty</translation>
    </message>
    <message>
        <source>{what}含有不可见的文字方向控制字符（{code_point}），请重新输入</source>
        <translation>{what} contains an invisible text-direction control character ({code_point}); type it again</translation>
    </message>
    <message>
        <source>{what}含有不可见的控制字符（{code_point}），请重新输入</source>
        <translation>{what} contains an invisible control character ({code_point}); type it again</translation>
    </message>
    <message>
        <source>{what}含有无效的字符编码（{code_point}），请重新输入</source>
        <translation>{what} contains an invalid character encoding ({code_point}); type it again</translation>
    </message>
    <message>
        <source>{what}只有空格或不可见的字符，请重新输入</source>
        <translation>{what} has only spaces or invisible characters; type it again</translation>
    </message>
    <message>
        <source>{what}不能超过{limit}个字符（中心系统的上限），现有{length}个</source>
        <translation>{what} may be at most {limit} characters (the central system&apos;s limit); it has {length}</translation>
    </message>
    <message>
        <source>本机还没有外出受理记录</source>
        <translation>This computer has no field days yet</translation>
    </message>
    <message>
        <source>没有外出受理记录 {day}</source>
        <translation>No field day {day}</translation>
    </message>
    <message>
        <source>请填写外出地点（如 某某工业园）</source>
        <translation>Enter where the field day is (such as an industrial park)</translation>
    </message>
    <message>
        <source>外出地点不能超过100个字符</source>
        <translation>The place may be at most 100 characters</translation>
    </message>
    <message>
        <source>请至少填写一家单位（统一社会信用代码或单位全称，每行一个）</source>
        <translation>Enter at least one employer (unified social credit code or full name, one a line)</translation>
    </message>
    <message>
        <source>一次最多{most}家单位</source>
        <translation>At most {most} employers at a time</translation>
    </message>
    <message>
        <source>本机已处于外出受理状态；请先结束当前外出（返回办公室并对账）</source>
        <translation>This computer is already out on a field day; end it first (back at the office, with the reconciliation)</translation>
    </message>
    <message>
        <source>本机不在外出受理状态</source>
        <translation>This computer is not out on a field day</translation>
    </message>
    <message>
        <source>应为日期 YYYY-MM-DD</source>
        <translation>should be a date YYYY-MM-DD</translation>
    </message>
    <message>
        <source>应为日期（YYYY-MM-DD）</source>
        <translation>should be a date (YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>请选择要公示的案件</source>
        <translation>Choose the cases to publicize</translation>
    </message>
    <message>
        <source>公示开始日期{starts_on}早于今天（{today}）</source>
        <translation>The publicity start date {starts_on} is before today ({today})</translation>
    </message>
    <message>
        <source>{starts_on}不是工作日，公示应从工作日开始（下一个工作日为{next_workday}）</source>
        <translation>{starts_on} is not a working day; publicity starts on a working day (the next is {next_workday})</translation>
    </message>
    <message>
        <source>公示批次 {batch_no} 状态为“{state}”，不能结束公示</source>
        <translation>Publicity batch {batch_no} is “{state}”; its publicity cannot be ended</translation>
    </message>
    <message>
        <source>年份应为2000到2200之间的整数，收到 {received}</source>
        <translation>The year should be a whole number from 2000 to 2200; got {received}</translation>
    </message>
    <message>
        <source>月份应为1到12，收到 {received}</source>
        <translation>The month should be 1 to 12; got {received}</translation>
    </message>
    <message>
        <source>应为 YYYY-MM（例如 2026-11），收到 {received}</source>
        <translation>should be YYYY-MM (such as 2026-11); got {received}</translation>
    </message>
    <message>
        <source>季度应为1到4，收到 {received}</source>
        <translation>The quarter should be 1 to 4; got {received}</translation>
    </message>
    <message>
        <source>应为 YYYY-Qn（例如 2026-Q3），收到 {received}</source>
        <translation>should be YYYY-Qn (such as 2026-Q3); got {received}</translation>
    </message>
    <message>
        <source>无法读取统筹地区表：{error}</source>
        <translation>cannot read the table of pooling regions: {error}</translation>
    </message>
    <message>
        <source>应为代码列表</source>
        <translation>should be a list of codes</translation>
    </message>
    <message>
        <source>“{value}”应为{lengths}位数字</source>
        <translation>“{value}” should have {lengths} digits</translation>
    </message>
    <message>
        <source>{first}或{second}</source>
        <translation>{first} or {second}</translation>
    </message>
    <message>
        <source>参考数据文件缺少此列</source>
        <translation>the reference data file lacks this column</translation>
    </message>
    <message>
        <source>无法写入 {path}：请给出已有文件夹中的文件名</source>
        <translation>Cannot write {path}: give a file name in a folder that exists</translation>
    </message>
    <message>
        <source>保存年限应为{low}到{high}之间的整数，收到 {received}</source>
        <translation>The retention period should be a whole number of years from {low} to {high}; got {received}</translation>
    </message>
    <message>
        <source>{cutoff} 晚于保存期限允许的 {latest}（结案后保存{years}年）；只能清除在此日期之前结案的案件</source>
        <translation>{cutoff} is later than the retention period allows, {latest} (kept {years} years after closing); only cases closed before that date can be purged</translation>
    </message>
    <message>
        <source>审计记录未通过核验，不能清除（先查明原因）：{reason}</source>
        <translation>The audit trail failed its check; nothing can be purged (find the cause first): {reason}</translation>
    </message>
    <message>
        <source>不能审批 {refused}</source>
        <translation>Cannot approve {refused}</translation>
    </message>
    <message>
        <source>{total}件中有{count}件不能审批，本次未审批任何案件：{refused}</source>
        <translation>{count} of {total} cases cannot be approved; none was approved: {refused}</translation>
    </message>
    <message>
        <source>请选择要审批的案件</source>
        <translation>Choose the cases to approve</translation>
    </message>
    <message>
        <source>数据库在加密时被其他程序改动，已放弃加密（原文件未动），请关闭其他程序后重试</source>
        <translation>Another program changed the database while it was being encrypted; encryption was abandoned (the original file is untouched): close the other program and try again</translation>
    </message>
    <message>
        <source>加密后的副本与原数据库不一致，已放弃加密（原文件未动）：{rows}</source>
        <translation>The encrypted copy differs from the original database; encryption was abandoned (the original file is untouched): {rows}</translation>
    </message>
    <message>
        <source>文件 {path} 无法解密：已被改动、不完整，或不属于本数据文件夹</source>
        <translation>The file {path} cannot be decrypted: it was changed, is incomplete, or does not belong to this data folder</translation>
    </message>
    <message>
        <source>文件 {path} 已加密，但它所属的数据文件夹未打开</source>
        <translation>The file {path} is encrypted, but its data folder is not open</translation>
    </message>
    <message>
        <source>界面语言应为简体中文（zh_CN）或 English（en）</source>
        <translation>The interface language should be Simplified Chinese (zh_CN) or English (en)</translation>
    </message>
    <message>
        <source>回执纸张应为 A4（a4）或 80毫米热敏纸（80mm）</source>
        <translation>The receipt paper should be A4 (a4) or 80 mm thermal paper (80mm)</translation>
    </message>
    <message>
        <source>中心系统地址应为文字，例如 https://zhanchi.example.gov.cn</source>
        <translation>The central system&apos;s address should be text, such as https://zhanchi.example.gov.cn</translation>
    </message>
    <message>
        <source>中心系统地址应以 http:// 或 https:// 开头，例如 https://zhanchi.example.gov.cn；不用时留空</source>
        <translation>The central system&apos;s address should start with http:// or https://, such as https://zhanchi.example.gov.cn; leave it empty when not used</translation>
    </message>
    <message>
        <source>自动锁屏时间应为整数，范围 {low}–{high} 分钟</source>
        <translation>The automatic lock time should be a whole number of minutes, {low}–{high}</translation>
    </message>
    <message>
        <source>自动锁屏时间应在 {low}–{high} 分钟之间，现为 {value} 分钟</source>
        <translation>The automatic lock time should be {low}–{high} minutes; it is {value} minutes</translation>
    </message>
    <message>
        <source>字体放大比例应为整数，范围 {low}–{high}%</source>
        <translation>The font enlargement should be a whole number, {low}–{high}%</translation>
    </message>
    <message>
        <source>字体放大比例应在 {low}–{high}%之间，现为 {value}%</source>
        <translation>The font enlargement should be {low}–{high}%; it is {value}%</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>The settings</translation>
    </message>
    <message>
        <source>窗口位置</source>
        <translation>The window position</translation>
    </message>
    <message>
        <source>{what}未保存：无法写入数据文件夹 {folder}：{reason}</source>
        <translation>{what} not saved: cannot write the data folder {folder}: {reason}</translation>
    </message>
    <message>
        <source>{what}未保存：无法写入 {path}：{reason}</source>
        <translation>{what} not saved: cannot write {path}: {reason}</translation>
    </message>
    <message>
        <source>不认识的身份证阅读器设置“{setting}”：应为 simulated、termb 或 termb:库文件路径@端口</source>
        <translation>Unknown ID card reader setting “{setting}”: it should be simulated, termb or termb:library path@port</translation>
    </message>
    <message>
        <source>身份证阅读器端口“{port}”应为数字（USB 1001–1016，串口 1–16）</source>
        <translation>The ID card reader port “{port}” should be a number (USB 1001–1016, serial 1–16)</translation>
    </message>
    <message>
        <source>读卡器上没有身份证：请将身份证放在读卡器上</source>
        <translation>There is no ID card on the reader: put the card on the reader</translation>
    </message>
    <message>
        <source>找不到身份证阅读器的驱动库（{library}）：请安装读卡器厂商的驱动，或在设置中写明库文件路径（{error}）</source>
        <translation>The ID card reader&apos;s driver library ({library}) cannot be found: install the reader maker&apos;s driver, or give the library path in the settings ({error})</translation>
    </message>
    <message>
        <source>驱动库 {library} 不是 termb 接口：缺少函数 {error}</source>
        <translation>The driver library {library} is not a termb interface: the function {error} is missing</translation>
    </message>
    <message>
        <source>身份证阅读器未连接（已尝试端口 {port}）：请检查读卡器的连线和电源</source>
        <translation>The ID card reader is not connected (tried port {port}): check its cable and power</translation>
    </message>
    <message>
        <source>身份证阅读器未连接（已尝试USB 和串口）：请检查读卡器的连线和电源</source>
        <translation>The ID card reader is not connected (tried USB and serial ports): check its cable and power</translation>
    </message>
    <message>
        <source>读卡失败：请将身份证放稳后重新读卡</source>
        <translation>Reading failed: hold the ID card still on the reader and read again</translation>
    </message>
    <message>
        <source>读卡器没有给出身份证信息（未找到 wz.txt）：请检查读卡器驱动的安装</source>
        <translation>The reader gave no card details (no wz.txt found): check the reader driver&apos;s installation</translation>
    </message>
    <message>
        <source>读卡数据有误：{what}“{text}”不是日期</source>
        <translation>The card data is wrong: {what} “{text}” is not a date</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>the birth date</translation>
    </message>
    <message>
        <source>有效期起始日期</source>
        <translation>the start of validity</translation>
    </message>
    <message>
        <source>有效期截止日期</source>
        <translation>the end of validity</translation>
    </message>
    <message>
        <source>读卡数据不完整（{length} 字节，应为 {size} 字节）</source>
        <translation>The card data is incomplete ({length} bytes; it should be {size} bytes)</translation>
    </message>
    <message>
        <source>读卡数据无法识别（不是 UCS-2 文字）</source>
        <translation>The card data cannot be read (not UCS-2 text)</translation>
    </message>
    <message>
        <source>读卡数据有误：公民身份号码“{id_number}”校验不通过</source>
        <translation>The card data is wrong: the ID number “{id_number}” fails its check</translation>
    </message>
    <message>
        <source>行政区划代码前两位“{prefix}”不是有效的省级代码，请核对</source>
        <translation>The first two digits of the region code, “{prefix}”, are not a valid province code; please check</translation>
    </message>
    <message>
        <source>请填写手机号码</source>
        <translation>Enter the mobile number</translation>
    </message>
    <message>
        <source>手机号码应为11位中国大陆手机号（以13至19开头），请核对</source>
        <translation>A mobile number has 11 digits and starts with 13 to 19 (mainland China); please check</translation>
    </message>
    <message>
        <source>应在{low}到{high}之间，收到 {received}</source>
        <translation>should be between {low} and {high}; got {received}</translation>
    </message>
    <message>
        <source>应在{low}以上之间，收到 {received}</source>
        <translation>should be {low} or more; got {received}</translation>
    </message>
    <message>
        <source>含有无法保存为 JSON 的内容</source>
        <translation>contains something that cannot be saved as JSON</translation>
    </message>
    <message>
        <source>日期应为 YYYY-MM-DD</source>
        <translation>the date should be written YYYY-MM-DD</translation>
    </message>
    <message>
        <source>行政区划代码应为6位数字，收到 {received}</source>
        <translation>A region code has 6 digits; got {received}</translation>
    </message>
    <message>
        <source>应为受理信息（Intake）</source>
        <translation>should be the intake details (Intake)</translation>
    </message>
    <message>
        <source>不符合条件的案件补贴金额应为0</source>
        <translation>The subsidy of a case that is not eligible must be 0</translation>
    </message>
    <message>
        <source>与核验结果不一致</source>
        <translation>does not match the verification result</translation>
    </message>
    <message>
        <source>与核验结果的金额（{amount}元）不一致</source>
        <translation>does not match the amount of the verification result ({amount} yuan)</translation>
    </message>
    <message>
        <source>未知状态 {state}</source>
        <translation>unknown state {state}</translation>
    </message>
    <message>
        <source>新案件只能是草稿或已受理</source>
        <translation>A new case can only be a draft or accepted</translation>
    </message>
    <message>
        <source>案件 {case_no} 不能在此直接改为“{to}”：{hint}</source>
        <translation>Case {case_no} cannot be moved to “{to}” here: {hint}</translation>
    </message>
    <message>
        <source>不能用此方式修改</source>
        <translation>cannot be changed this way</translation>
    </message>
    <message>
        <source>仍缺材料：{materials}。须经办人确认所缺材料后方可受理；未确认的，案件保存为待补正，并出具一次性告知书</source>
        <translation>Materials still missing: {materials}. The clerk must confirm the missing materials before the case is accepted; otherwise the case is saved as awaiting materials and a one-time notice is issued</translation>
    </message>
    <message>
        <source>案件 {case_no} 仍缺材料：{materials}。须经办人确认所缺材料后方可受理；未确认的，案件保存为待补正，并出具一次性告知书</source>
        <translation>Case {case_no} is still missing materials: {materials}. The clerk must confirm the missing materials before the case is accepted; otherwise the case is saved as awaiting materials and a one-time notice is issued</translation>
    </message>
    <message>
        <source>请勾选本次补正收取的材料</source>
        <translation>Tick the materials handed in this time</translation>
    </message>
    <message>
        <source>案件 {case_no} 当前状态为“{state}”，不再补正材料</source>
        <translation>Case {case_no} is “{state}” and takes no more materials</translation>
    </message>
    <message>
        <source>案件 {case_no} 没有尚缺的材料，无需补正</source>
        <translation>Case {case_no} has no missing materials; nothing to hand in</translation>
    </message>
    <message>
        <source>“{material}”不是本案尚缺的材料，无需补正</source>
        <translation>“{material}” is not a material this case is missing; nothing to hand in</translation>
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
