"""The five skill levels of a vocational certificate, by number (POLICY.md §1, certificate_level).

Apart from ``policy`` (which re-exports it) so the intake form can list them
without loading the policy files' machinery.

A display name holds no brackets (issue 15.8): messages put a level inside a
bracketed phrase (同一等级（…）, 补贴范围（…）), where 初级（五级） would nest.
The form is the one the national occupational skill standards and the skill
level certificates print (五级/初级工 … 一级/高级技师); 40号 一(二) names the
same levels 初级(五级)、中级(四级)、高级(三级).
"""

LEVEL_NAMES = {5: "五级/初级工", 4: "四级/中级工", 3: "三级/高级工", 2: "二级/技师", 1: "一级/高级技师"}

# The grade alone (五级 … 一级), where a column has room for nothing more.
LEVEL_GRADES = {level: name.split("/")[0] for level, name in LEVEL_NAMES.items()}
