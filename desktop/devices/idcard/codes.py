"""The codes a card's chip holds for sex (GB/T 2261.1) and ethnicity (GB/T 3304)."""

from __future__ import annotations

SEXES = {"0": "未知的性别", "1": "男", "2": "女", "9": "未说明的性别"}

ETHNICITIES = dict(enumerate((
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
    "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜",
    "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒",
    "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴",
    "珞巴", "基诺",
), start=1))
ETHNICITIES |= {97: "其他", 98: "外国血统中国籍人士"}


def sex_name(code: str) -> str:
    return SEXES.get(code.strip(), "未说明的性别")


def ethnicity_name(code: str) -> str:
    """The name of a two-digit code (``01`` 汉); an unknown code is said as it is."""
    text = code.strip()
    return ETHNICITIES.get(int(text), text) if text.isdigit() else text


def ethnicity_code(name: str) -> str:
    for code, known in ETHNICITIES.items():
        if known == name:
            return f"{code:02d}"
    raise ValueError(f"no such ethnicity: {name}")


def sex_code(name: str) -> str:
    for code, known in SEXES.items():
        if known == name:
            return code
    raise ValueError(f"no such sex: {name}")
