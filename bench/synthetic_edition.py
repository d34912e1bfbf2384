"""Build a synthetic edition of N articles in the source format from the seed's own paragraphs."""

import random
import re
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_127d583f3f2c5906.txt"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"  # noqa: E501
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯鹏"
ROLES = ["记者", "本报记者", "通讯员", "实习生", "见习记者"]


def seed_paragraphs() -> list[str]:
    """Complete body paragraphs of the seed (no headings, bylines, footers or broken lines)."""
    text = SEED.read_text(encoding="utf-8")
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block or block[0] in "#□" or block.startswith("更多内容") or "\n" in block:
            continue
        if block.endswith("。") and not block.startswith("本报"):
            paragraphs.append(block)
    return paragraphs


def reporter_name(rng: random.Random, surnames: str = SURNAMES) -> str:
    """A Chinese name drawn from `rng`: a surname from `surnames` and one or two given characters."""
    return rng.choice(surnames) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def synthetic_edition(count: int, *, seed: int = 20201130, reporters: int = 60) -> str:
    """`count` articles with bylines, datelines, kickers, subheadings, captions and footers."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    people = sorted({reporter_name(rng) for _ in range(reporters * 2)})[:reporters]
    out: list[str] = []
    for number in range(1, count + 1):
        if number % 10 == 0:
            out.append(f"{rng.choice(paragraphs)[:30]}。\n\n□记者 {rng.choice(people)} 摄\n")
        if number % 7 == 0:
            out.append(f"### 青岛第{number}号专题——\n")
        out.append(f"### 青岛新闻第{number}号 {rng.choice(paragraphs)[:12]}\n")
        names = rng.sample(people, rng.choice((1, 1, 2, 3)))
        byline = " ".join(f"{rng.choice(ROLES)} {name}" for name in names)
        month, day = rng.randint(1, 11), rng.randint(1, 28)
        first = rng.choice(paragraphs)
        out.append(f"□{byline} 报道  \n本报青岛讯 {month}月{day}日,{first}\n")
        for index in range(rng.randint(2, 6)):
            if index == 2:
                out.append(f"### 小标题{number}-{index}\n")
            out.append(rng.choice(paragraphs) + "\n")
        if number % 25 == 0:
            out.append("更多内容请关注大众报业·大众日报客户端青岛频道\n")
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    sys.stdout.write(synthetic_edition(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
