"""The five skill levels of a vocational certificate, by number (POLICY.md §1, certificate_level).

Apart from ``policy`` (which re-exports it) so the intake form can list them
without loading the policy files' machinery.
"""

LEVEL_NAMES = {5: "初级（五级）", 4: "中级（四级）", 3: "高级（三级）", 2: "技师（二级）", 1: "高级技师（一级）"}
