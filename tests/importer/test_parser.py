"""Tests of the pure edition parser: the first real edition, every format convention, bad input."""

import datetime
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from newsroom.importer.parser import (
    ParseError,
    classify_section,
    decode,
    load_sections,
    parse_edition,
)
from newsroom.importer.records import Byline, Section, edition_to_dict

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_127d583f3f2c5906.txt"
SECTIONS_FILE = REPO / "seeds" / "sections.toml"
DAY = datetime.date(2020, 11, 30)
SECTIONS = [
    Section("yaowen", "要闻", ("市政府",)),
    Section("jingji", "经济", ("产业", "企业")),
    Section("wenlv", "文旅", ("旅游", "文化")),
]
HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def parse(text, *, path="edition.txt", edition_date=DAY, encoding="utf-8"):
    return parse_edition(
        text.encode(encoding),
        path,
        sections=SECTIONS,
        default_section="yaowen",
        edition_date=edition_date,
    )


def only(text, **kwargs):
    """The single article of a small inline edition."""
    (article,) = parse(text, **kwargs).articles
    return article


def texts(article):
    return [(block.type, block.text) for block in article.body]


def parse_error(data, path="edition.txt"):
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(ParseError) as caught:
        parse_edition(raw, path, sections=SECTIONS, default_section="yaowen", edition_date=DAY)
    return caught.value


def seed_edition(data=None, path=SEED.name):
    sections, default = load_sections(SECTIONS_FILE.read_text(encoding="utf-8"))
    raw = SEED.read_bytes() if data is None else data
    return parse_edition(raw, path, sections=sections, default_section=default)


# --- the first real edition -------------------------------------------------------------

R = "报道"
SEED_EXPECTED = [
    {
        "kicker": None,
        "title": "22个央地合作项目 在青签约",
        "subtitle": None,
        "section": "yaowen",
        "bylines": [("记者", "肖芳")],
        "marker": R,
        "dateline": ("本报青岛讯 11月24日", "本报", "青岛", datetime.date(2020, 11, 24)),
        "lead_image": None,
        "body": [
            ("paragraph", "“2020央地青岛行——走进青", "装备制造等多个领域。"),
            ("paragraph", "本次活动由青岛市政府、中国中车", "应用与科技成果转化。"),
            ("paragraph", "“央地青岛行”是青岛在国务院国", "项目超2000亿元。"),
        ],
    },
    {
        "kicker": None,
        "title": "“科创中国” 科技服务团服务青岛",
        "subtitle": None,
        "section": "jingji",
        "bylines": [("记者", "薄克国"), ("通讯员", "纪粹琳")],
        "marker": R,
        "dateline": ("本报青岛讯 11月27日", "本报", "青岛", datetime.date(2020, 11, 27)),
        "lead_image": None,
        "body": [
            ("paragraph", "中国科协“科创中国”科技服务团", "动创新创业城市建设。"),
            ("paragraph", "全国学会科技服务团与青岛市部分", "成果转化基地”揭牌。"),
            ("paragraph", "当天组织了“科创中国”科技服务", "对接会上进行了推介。"),
        ],
    },
    {
        "kicker": None,
        "title": "青岛推进海洋牧场 与休闲旅游融合发展",
        "subtitle": None,
        "section": "wenlv",
        "bylines": [("记者", "白晓")],
        "marker": R,
        "dateline": ("本报青岛讯 11月26日", "本报", "青岛", datetime.date(2020, 11, 26)),
        "lead_image": None,
        "body": [
            ("paragraph", "青岛市政府举行发布会透露,青岛", "型升级和高质量发展。"),
            ("paragraph", "《实施方案》提出,促进海洋牧场", "能、智慧化海洋牧场。"),
            ("paragraph", "《实施方案》提出,依托青岛市“", "的海洋牧场旅游项目。"),
        ],
    },
    {
        "kicker": None,
        "title": "青岛推进老城区申遗 实现城市文脉传承",
        "subtitle": None,
        "section": "wenlv",
        "bylines": [("记者", "李媛")],
        "marker": R,
        "dateline": ("本报青岛讯 11月26日", "本报", "青岛", datetime.date(2020, 11, 26)),
        "lead_image": None,
        "body": [
            ("paragraph", "青岛老城区遗产价值研究与申报世", ",划定了遗产地范围。"),
            ("paragraph", "青岛历史城区的保护更新工程和美", "城市品质的不断提升。"),
        ],
    },
    {
        "kicker": None,
        "title": "西海岸新区宝山镇获评 全国“一村一品”示范镇",
        "subtitle": None,
        "section": "xiangcun",
        "bylines": [("记者", "张志德"), ("通讯员", "毕海虹")],
        "marker": R,
        "dateline": ("本报青岛讯 日前", "本报", "青岛", None),
        "lead_image": None,
        "body": [
            ("paragraph", "第十批全国“一村一品”示范村镇", "岛唯一成功获评的镇。"),
            ("paragraph", "宝山镇于2000年首次引进美国", "均增收约2000元。"),
            ("paragraph", "截至目前,西海岸新区全国“一村", "”示范村镇共有9家。"),
        ],
    },
    {
        "kicker": "面对激烈竞争和用户需求快速增长,青岛召开的“加快卡奥斯发展专题会议”提出——",
        "title": "以模式创新保持引领优势",
        "subtitle": None,
        "section": "jingji",
        "bylines": [("本报记者", "宋孜"), ("本报记者", "肖芳")],
        "marker": None,
        "dateline": None,
        "lead_image": None,
        "body": [
            ("paragraph", "工业互联网,正成为城市竞争新赛", "该怎样保持引领优势?"),
            ("paragraph", "11月24日下午,在位于青岛西", "常规发展”出谋划策。"),
            ("paragraph", "“以唯恐失之交臂的紧迫感,创新", "保持优势的路径探索。"),
            ("paragraph", "在工业互联网领域,青岛可谓率先", "在内的全产业链生态。"),
            ("paragraph", "在顶格倾听、顶格协调、顶格推进", "业互联网百人会”……"),
            ("paragraph", "脱胎于海尔实践的卡奥斯,是青岛", "亿元的新增工业产值。"),
            ("paragraph", "发展成就有目共睹,但无论是企业", "成功便成仁”的表态。"),
            ("paragraph", "制造业与互联网融合是现代工业发", "模式,保持引领优势。"),
            ("paragraph", "眼下,青岛虽已在工业互联网领域", "发展路径和赋能模式。"),
            ("paragraph", "为用户创造价值,被认为是卡奥斯", "快速增长的业务需求。"),
            ("paragraph", "只有用足用好市场的逻辑、资本的", ",营造良好发展生态。"),
            ("paragraph", "中金公司投资银行部执行总经理吴", "来实现数字化转型。”"),
            ("paragraph", "针对“企业上平台动力不足”的问", "吸引中小企业上平台。"),
            ("paragraph", "近四个小时的时间里,与会专家为", "表、路线图、责任制。"),
            ("paragraph", "这场思想碰撞中,青岛对于工业互", "新发展的“实验场”。"),
        ],
    },
    {
        "kicker": None,
        "title": "华夏基石(青岛)国际时尚产业峰会举行",
        "subtitle": None,
        "section": "jingji",
        "bylines": [("记者", "薄克国")],
        "marker": R,
        "dateline": ("本报青岛讯 11月29日", "本报", "青岛", datetime.date(2020, 11, 29)),
        "lead_image": (
            "中、意两国时装设计大师设计的“丝绸之路”主题服装亮相。",
            [("记者", "薄克国")],
            R,
        ),
        "body": [
            ("paragraph", "以“新时尚·新格局·新希望”为", "时尚工业互联网平台。"),
            ("paragraph", "峰会现场,华夏基石与国内30家", "时尚企业合作新开始。"),
            ("paragraph", "峰会现场,与会者与时尚行业大咖", "征也会发生深刻变化。"),
            ("paragraph", "峰会上,国际时尚工业互联网中心", "等一系列的产业赋能。"),
            ("paragraph", "华夏基石将通过构建国际时尚工业", "优势,实现互利共赢。"),
            ("paragraph", "作为青岛最时尚的城区,市南区支", ",助力时尚经济发展。"),
            ("paragraph", "时尚产业,设计是灵魂。中、意两", "地贸易流通之物呈现。"),
        ],
    },
    {
        "kicker": "打造中国经济新的增长极——",
        "title": "胶东经济圈一体化发展全面起势",
        "subtitle": None,
        "section": "yaowen",
        "bylines": [("本报记者", "薄克国")],
        "marker": None,
        "dateline": None,
        "lead_image": None,
        "body": [
            ("paragraph", "加快基础设施互联互通、产业创新", "打造中国新的增长极。"),
            ("heading", "产业创新协同共进", "产业创新协同共进"),
            ("paragraph", "探索工业设计区域合作,胶东经济", "他各地工业设计发展。"),
            ("paragraph", "依托联盟,五市开启“强强合作”", "广、可借鉴的新模式。"),
            ("paragraph", "五市共同打造“胶东有礼”文创品", "等方面开展合作项目。"),
            ("heading", "对外开放携手共赢", "对外开放携手共赢"),
            ("paragraph", "7月4日,青岛市在潍坊市举行山", "的国际贸易对接活动。"),
            ("paragraph", "这是五市商务局根据《胶东经济圈", "务和码头集港流程等。"),
            ("paragraph", "截至第三季度,俄罗斯卢克石油润", "4亿元,居全省首位。"),
            ("heading", "公共服务便利共享", "公共服务便利共享"),
            ("paragraph", "9月23日,青岛众合一鑫商贸有", "通成本和时间成本。”"),
            ("paragraph", "青岛众合一鑫商贸有限公司“跨域", "跨域通办”联动平台。"),
            ("paragraph", "胶东经济圈一体化聚焦公共服务便", "领域一体化合作事项。"),
            ("paragraph", "目前,胶东五市网上户口迁移、居", "算等事项已全部实现。"),
            ("paragraph", "一体化、一盘棋、一个梦。在越来", "浪高”的新发展格局。"),
        ],
    },
]


def _seed_actual(article):
    dateline = article.dateline
    image = article.lead_image
    return {
        "kicker": article.kicker,
        "title": article.title,
        "subtitle": article.subtitle,
        "section": article.section,
        "bylines": [(b.role, b.name) for b in article.bylines],
        "marker": article.byline_marker,
        "dateline": dateline and (dateline.text, dateline.source, dateline.place, dateline.date),
        "lead_image": image and (image.caption, [(c.role, c.name) for c in image.credits], image.marker),
        "body": [
            (b.type, b.text[:15], b.text[-10:]) if b.type == "paragraph" else (b.type, b.text, b.text)
            for b in article.body
        ],
    }


def test_seed_parses_field_by_field_into_the_expected_eight_articles():
    edition = seed_edition()
    assert len(edition.articles) == len(SEED_EXPECTED) == 8
    for article, expected in zip(edition.articles, SEED_EXPECTED, strict=True):
        actual = _seed_actual(article)
        for key, value in expected.items():
            assert actual[key] == value, (article.title, key)
        assert len(article.body) == len(expected["body"]), article.title


def test_seed_articles_know_their_source_line_and_position():
    edition = seed_edition()
    assert [a.line for a in edition.articles] == [3, 12, 21, 30, 37, 50, 96, 118]
    assert [a.position for a in edition.articles] == list(range(8))


def test_seed_has_eight_distinct_people_with_xiao_fang_twice_and_bo_keguo_four_times():
    edition = seed_edition()
    people = [b.name for a in edition.articles for b in a.bylines]
    people += [c.name for a in edition.articles if a.lead_image for c in a.lead_image.credits]
    counts = Counter(people)
    assert len(counts) == 8
    assert counts["肖芳"] == 2
    assert counts["薄克国"] == 4
    credits = [c for a in edition.articles if a.lead_image for c in a.lead_image.credits]
    assert credits == [Byline("记者", "薄克国")]


def test_seed_uses_both_kicker_forms():
    kickers = [a.kicker for a in seed_edition().articles if a.kicker]
    assert kickers[0].endswith("提出——")  # kicker and title on one heading line
    assert kickers[1] == "打造中国经济新的增长极——"  # kicker on its own heading line


def test_seed_mends_exactly_seven_column_breaks_at_the_right_seams():
    edition = seed_edition()
    assert edition.breaks_joined == 7
    body = "\n".join(b.text for a in edition.articles for b in a.body)
    seams = [
        "被认为是卡奥斯的“立身之本”。",
        "打通工业互联网各环节",
        "青岛市明确,所有的真知灼见",
        "市南区支持鼓励时尚商业",
        "我国北方工业设计发展",
        "会同青岛海关,高水平",
        "通过胶东五市政务服务",
    ]
    for seam in seams:
        assert seam in body
    joined = [b for a in edition.articles for b in a.body if b.breaks_joined]
    assert len(joined) == 7


def test_seed_paragraph_ending_in_period_and_closing_quote_is_not_joined():
    kaos = seed_edition().articles[5]
    index = next(i for i, b in enumerate(kaos.body) if b.text.startswith("中金公司"))
    assert kaos.body[index].text.endswith("数字化转型。”")
    assert kaos.body[index + 1].text.startswith("针对“企业上平台")


def test_seed_photo_caption_goes_to_the_following_article_and_not_the_previous_body():
    edition = seed_edition()
    kaos, fashion = edition.articles[5], edition.articles[6]
    caption = "中、意两国时装设计大师设计的“丝绸之路”主题服装亮相。"
    assert fashion.lead_image.caption == caption
    assert all("丝绸之路”主题服装亮相" not in b.text for b in kaos.body)
    assert kaos.body[-1].text.endswith("“实验场”。")


def test_seed_keeps_the_subheadings_of_the_jiaodong_article_as_headings():
    jiaodong = seed_edition().articles[7]
    headings = [b.text for b in jiaodong.body if b.type == "heading"]
    assert headings == ["产业创新协同共进", "对外开放携手共赢", "公共服务便利共享"]


def test_seed_channel_footer_is_in_no_article():
    for article in seed_edition().articles:
        assert "更多内容请关注" not in article.text
        assert "客户端青岛频道" not in article.text


def test_seed_edition_date_is_inferred_from_the_text_with_a_warning():
    edition = seed_edition()
    assert edition.edition_date == datetime.date(2020, 11, 30)
    assert edition.date_source == "text"
    (warning,) = edition.warnings
    assert "2020-11-30" in warning
    assert "11月29日" in warning
    assert "--edition-date" in warning


def test_seed_variants_crlf_with_bom_and_gb18030_give_identical_editions():
    text = SEED.read_text(encoding="utf-8")
    reference = seed_edition()
    crlf_bom = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    assert seed_edition(crlf_bom) == reference
    assert seed_edition(text.encode("gb18030")) == reference
    assert seed_edition(text.replace("\n", "\r\n").encode("gbk")) == reference


def test_seed_every_cjk_character_of_the_articles_lands_somewhere():
    text = SEED.read_text(encoding="utf-8")
    source = "\n".join(line for line in text.splitlines() if not line.startswith("更多内容请关注"))
    parsed = "".join(a.text for a in seed_edition().articles)
    assert Counter(HANZI.findall(parsed)) == Counter(HANZI.findall(source))


def test_seed_articles_spread_over_several_sections():
    sections = {a.section for a in seed_edition().articles}
    assert len(sections) >= 3


def test_edition_to_dict_gives_the_json_shape_of_the_contract():
    data = edition_to_dict(seed_edition())
    assert data["edition_date"] == "2020-11-30"
    assert data["warnings"] and data["source"] == SEED.name
    first, kaos, fashion = data["articles"][0], data["articles"][5], data["articles"][6]
    for key in (
        "kicker",
        "title",
        "subtitle",
        "section",
        "bylines",
        "dateline",
        "lead_image",
        "body",
    ):
        assert key in first
    assert first["bylines"] == [{"role": "记者", "name": "肖芳"}]
    assert first["dateline"] == {
        "text": "本报青岛讯 11月24日",
        "source": "本报",
        "place": "青岛",
        "date": "2020-11-24",
    }
    assert first["lead_image"] is None and kaos["dateline"] is None
    assert fashion["lead_image"] == {
        "caption": "中、意两国时装设计大师设计的“丝绸之路”主题服装亮相。",
        "credits": [{"role": "记者", "name": "薄克国"}],
    }
    assert all(set(block) == {"type", "text"} for a in data["articles"] for block in a["body"])
    assert first["title_lines"] == ["22个央地合作项目", "在青签约"]
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


# --- headlines --------------------------------------------------------------------------

BYLINE_AND_BODY = "\n□记者 肖芳 报道  \n本报青岛讯 11月24日,正文第一段。\n"


def test_kicker_on_its_own_heading_ending_in_dashes():
    article = only("# 打造中国经济新的增长极——\n\n## 胶东经济圈全面起势\n" + BYLINE_AND_BODY)
    assert article.kicker == "打造中国经济新的增长极——"
    assert article.title == "胶东经济圈全面起势"
    assert article.subtitle is None


def test_kicker_and_title_on_one_line_split_by_dashes_and_space():
    article = only("# 面对竞争提出—— 以模式创新保持引领优势\n" + BYLINE_AND_BODY)
    assert article.kicker == "面对竞争提出——"
    assert article.title == "以模式创新保持引领优势"


def test_subtitle_starting_with_dashes_after_the_title():
    article = only("## 青岛港吞吐量创新高\n### ——前十个月增长百分之八\n" + BYLINE_AND_BODY)
    assert article.title == "青岛港吞吐量创新高"
    assert article.subtitle == "——前十个月增长百分之八"
    assert article.kicker is None


def test_kicker_title_and_subtitle_together():
    text = "### 聚焦海洋经济——\n# 青岛港吞吐量创新高\n## ——前十个月增长百分之八\n" + BYLINE_AND_BODY
    article = only(text)
    assert (article.kicker, article.title, article.subtitle) == (
        "聚焦海洋经济——",
        "青岛港吞吐量创新高",
        "——前十个月增长百分之八",
    )
    assert article.line == 2


@pytest.mark.parametrize("hashes", ["#", "##", "###"])
def test_heading_level_carries_no_meaning(hashes):
    article = only(f"{hashes} 标题\n" + BYLINE_AND_BODY + f"\n{hashes} 小标题\n\n第二段。\n")
    assert article.title == "标题"
    assert texts(article)[1] == ("heading", "小标题")


def test_title_keeps_the_printed_line_break_as_a_space():
    article = only("### 22个央地合作项目 在青签约\n" + BYLINE_AND_BODY)
    assert article.title == "22个央地合作项目 在青签约"
    assert article.title_lines == ("22个央地合作项目", "在青签约")


def test_heading_followed_by_a_plain_paragraph_inside_an_article_is_a_subheading():
    text = "# 标题\n" + BYLINE_AND_BODY + "\n## 产业创新协同共进\n\n探索工业设计区域合作。\n"
    assert texts(only(text)) == [
        ("paragraph", "正文第一段。"),
        ("heading", "产业创新协同共进"),
        ("paragraph", "探索工业设计区域合作。"),
    ]


def test_heading_then_byline_inside_an_article_starts_the_next_article():
    text = "# 一\n" + BYLINE_AND_BODY + "\n# 二\n\n□记者 白晓 报道\n\n第二篇正文。\n"
    first, second = parse(text).articles
    assert texts(first) == [("paragraph", "正文第一段。")]
    assert second.title == "二" and second.bylines == (Byline("记者", "白晓"),)
    assert second.dateline is None and second.position == 1


def test_heading_without_dashes_right_above_a_title_becomes_its_kicker_with_warning():
    edition = parse("# 引题没有破折号\n# 标题\n" + BYLINE_AND_BODY)
    (article,) = edition.articles
    assert (article.kicker, article.title) == ("引题没有破折号", "标题")
    assert any("kicker" in w for w in edition.warnings)


def test_topic_tag_and_four_hashes_are_text_not_headings():
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n#青岛#话题持续升温。\n\n#### 不是标题。\n")
    assert texts(article)[1:] == [
        ("paragraph", "#青岛#话题持续升温。"),
        ("paragraph", "#### 不是标题。"),
    ]


# --- bylines ----------------------------------------------------------------------------


def _bylines(line):
    article = only(f"# 标题\n\n{line}\n\n本报青岛讯 11月24日,正文。\n")
    return [(b.role, b.name) for b in article.bylines], article.byline_marker


def test_byline_with_two_roles_gives_each_name_its_own_role():
    assert _bylines("□记者 薄克国 通讯员 纪粹琳 报道") == (
        [("记者", "薄克国"), ("通讯员", "纪粹琳")],
        "报道",
    )


def test_byline_with_two_names_under_one_role():
    assert _bylines("□本报记者 宋孜 肖芳") == ([("本报记者", "宋孜"), ("本报记者", "肖芳")], None)


def test_byline_without_marker():
    assert _bylines("□本报记者 薄克国") == ([("本报记者", "薄克国")], None)


def test_byline_with_wen_tu_marker():
    assert _bylines("□本报记者 李媛 文/图") == ([("本报记者", "李媛")], "文/图")


def test_byline_with_photo_marker():
    assert _bylines("□本报摄影记者 王滨 摄") == ([("本报摄影记者", "王滨")], "摄")


def test_byline_with_wen_tu_marker_before_the_names():
    assert _bylines("□文/图 本报记者 李媛") == ([("本报记者", "李媛")], "文/图")


def test_byline_wrapped_onto_a_second_line_keeps_all_names():
    article = only("# 标题\n\n□记者 张志德 肖芳\n通讯员 毕海虹 报道\n\n本报讯 11月24日,正文。\n")
    assert [(b.role, b.name) for b in article.bylines] == [
        ("记者", "张志德"),
        ("记者", "肖芳"),
        ("通讯员", "毕海虹"),
    ]


@pytest.mark.parametrize(
    "role",
    [
        "记者",
        "本报记者",
        "通讯员",
        "本报通讯员",
        "实习生",
        "见习记者",
        "特约记者",
        "摄影",
        "本报摄影记者",
    ],
)
def test_byline_accepts_every_printed_role(role):
    assert _bylines(f"□{role} 欧阳晓明 报道") == ([(role, "欧阳晓明")], "报道")


def test_byline_accepts_a_minority_name_with_a_middle_dot():
    assert _bylines("□记者 阿依古丽·买买提 报道") == ([("记者", "阿依古丽·买买提")], "报道")


def test_byline_role_glued_to_the_name_is_still_read():
    assert _bylines("□本报记者宋孜 报道") == ([("本报记者", "宋孜")], "报道")


def test_byline_name_without_a_role_gets_an_empty_role_and_a_warning():
    edition = parse("# 标题\n\n□肖芳 报道\n\n本报青岛讯 11月24日,正文。\n")
    assert edition.articles[0].bylines == (Byline("", "肖芳"),)
    assert any("肖芳" in w and "no role" in w for w in edition.warnings)


@pytest.mark.parametrize(
    "line",
    [
        "□记者 肖芳 by-line",
        "□记者 肖芳 青岛市城阳区 报道",
        "□记者 报道",
        "□记者 肖芳 报道 通讯员 李媛",
    ],
)
def test_byline_with_an_unrecognised_token_is_a_parse_error_naming_the_line(line):
    error = parse_error(f"# 标题\n\n{line}\n\n本报青岛讯 11月24日,正文。\n")
    assert error.line == 3
    assert str(error).startswith("edition.txt:3: ")


# --- datelines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_line", "text", "source", "place", "date", "rest"),
    [
        ("本报青岛讯 11月24日,正文。", "本报青岛讯 11月24日", "本报", "青岛", (11, 24), "正文。"),
        ("本报讯 12月1日,正文。", "本报讯 12月1日", "本报", None, (12, 1), "正文。"),
        ("本报青岛讯 日前,正文。", "本报青岛讯 日前", "本报", "青岛", None, "正文。"),
        ("本报青岛讯,正文。", "本报青岛讯", "本报", "青岛", None, "正文。"),
        ("新华社北京12月2日电 正文。", "新华社北京12月2日电", "新华社", "北京", (12, 2), "正文。"),
        ("本报济南11月28日讯 正文。", "本报济南11月28日讯", "本报", "济南", (11, 28), "正文。"),
        ("本报青岛讯 11月24日:正文。", "本报青岛讯 11月24日", "本报", "青岛", (11, 24), "正文。"),
    ],
)
def test_dateline_forms_are_lifted_out_of_the_first_paragraph(first_line, text, source, place, date, rest):
    edition_date = datetime.date(2020, 12, 3)
    article = only(f"# 标题\n\n□记者 肖芳 报道\n\n{first_line}\n", edition_date=edition_date)
    dateline = article.dateline
    assert (dateline.text, dateline.source, dateline.place) == (text, source, place)
    assert dateline.date == (datetime.date(2020, *date) if date else None)
    assert texts(article) == [("paragraph", rest)]


def test_dateline_standing_alone_leaves_the_text_to_the_next_paragraph():
    article = only("# 标题\n\n□记者 肖芳 报道\n\n本报青岛讯 11月24日\n\n正文。\n")
    assert article.dateline.text == "本报青岛讯 11月24日"
    assert texts(article) == [("paragraph", "正文。")]


def test_wire_story_with_dateline_and_no_byline_starts_an_article():
    text = "# 一\n" + BYLINE_AND_BODY + "\n## 国务院常务会议召开\n\n新华社北京12月2日电 国务院总理主持召开会议。\n"
    first, wire = parse(text, edition_date=datetime.date(2020, 12, 3)).articles
    assert wire.title == "国务院常务会议召开"
    assert wire.bylines == () and wire.byline_marker is None
    assert wire.dateline.source == "新华社" and wire.dateline.date == datetime.date(2020, 12, 2)
    assert texts(wire) == [("paragraph", "国务院总理主持召开会议。")]
    assert texts(first) == [("paragraph", "正文第一段。")]


def test_dateline_month_after_the_edition_month_belongs_to_the_previous_year():
    article = only("# 标题\n\n本报讯 12月31日,正文。\n", edition_date=datetime.date(2021, 1, 2))
    assert article.dateline.date == datetime.date(2020, 12, 31)


def test_first_paragraph_without_a_dateline_is_kept_whole():
    article = only("# 标题\n\n□本报记者 宋孜\n\n本报记者日前从青岛港获悉,吞吐量创新高。\n")
    assert article.dateline is None
    assert texts(article) == [("paragraph", "本报记者日前从青岛港获悉,吞吐量创新高。")]


def test_impossible_dateline_date_is_a_parse_error():
    assert parse_error("# 标题\n\n本报讯 2月30日,正文。\n").line == 3


# --- photo captions ---------------------------------------------------------------------


def test_photo_caption_and_credit_attach_to_the_following_article():
    text = (
        "# 一\n"
        + BYLINE_AND_BODY
        + "\n市民在栈桥观赏海鸥。\n\n□本报摄影记者 王滨 摄\n\n"
        + "# 二\n\n□记者 白晓 报道\n\n第二篇正文。\n"
    )
    first, second = parse(text).articles
    assert texts(first) == [("paragraph", "正文第一段。")]
    assert second.lead_image.caption == "市民在栈桥观赏海鸥。"
    assert second.lead_image.credits == (Byline("本报摄影记者", "王滨"),)
    assert second.lead_image.marker == "摄"
    assert second.bylines == (Byline("记者", "白晓"),)
    assert first.lead_image is None


def test_caption_at_the_start_of_the_file_belongs_to_the_first_article():
    article = only("游客在海边拍照\n\n□记者 白晓 摄\n\n# 标题\n" + BYLINE_AND_BODY)
    assert article.lead_image.caption == "游客在海边拍照"
    assert article.title == "标题"


def test_article_after_a_photo_credit_may_have_no_byline():
    text = "# 一\n" + BYLINE_AND_BODY + "\n航拍港口\n\n□记者 白晓 摄\n\n# 二\n\n图片新闻正文。\n"
    edition = parse(text)
    first, second = edition.articles
    assert texts(first) == [("paragraph", "正文第一段。")]
    assert second.lead_image.caption == "航拍港口"
    assert texts(second) == [("paragraph", "图片新闻正文。")]
    assert any("no byline or dateline" in w for w in edition.warnings)


def test_caption_is_not_joined_to_an_unfinished_paragraph_before_it():
    text = (
        "# 一\n" + BYLINE_AND_BODY + "\n最后一段没有句号\n\n市民观赏海鸥\n\n□记者 白晓 摄\n\n"
        "# 二\n\n□记者 白晓 报道\n\n第二篇正文。\n"
    )
    first, second = parse(text).articles
    assert texts(first)[-1] == ("paragraph", "最后一段没有句号")
    assert second.lead_image.caption == "市民观赏海鸥"


# --- paragraphs -------------------------------------------------------------------------


def test_broken_paragraph_is_joined_with_the_next_with_no_space():
    text = "# 标题\n" + BYLINE_AND_BODY + "\n为用户创造价值,被认为是卡奥斯的\n\n“立身之本”。工信部专家认为。\n"
    article = only(text)
    assert texts(article)[1] == (
        "paragraph",
        "为用户创造价值,被认为是卡奥斯的“立身之本”。工信部专家认为。",
    )
    assert article.body[1].breaks_joined == 1


def test_paragraph_broken_twice_is_joined_into_one():
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n甲乙\n\n丙丁\n\n戊己。\n")
    assert texts(article)[1] == ("paragraph", "甲乙丙丁戊己。")
    assert article.breaks_joined == 2


def test_closing_quote_after_sentence_final_punctuation_is_not_joined():
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n他说:“时不我待。”\n\n第二段。\n")
    assert texts(article)[1:] == [("paragraph", "他说:“时不我待。”"), ("paragraph", "第二段。")]


@pytest.mark.parametrize("end", ["。", "!", "?", "!", "?", "…", "……", "。”", "?’", "!」", "。』", "。)", "。)"])
def test_every_sentence_final_mark_ends_a_paragraph(end):
    article = only("# 标题\n" + BYLINE_AND_BODY + f"\n第一句{end}\n\n第二段。\n")
    assert texts(article)[1:] == [("paragraph", f"第一句{end}"), ("paragraph", "第二段。")]


@pytest.mark.parametrize("end", [",", ",", ":", "、", ";", "”", "》", "——", "的"])
def test_paragraph_ending_without_sentence_final_punctuation_continues(end):
    article = only("# 标题\n" + BYLINE_AND_BODY + f"\n第一句{end}\n\n第二段。\n")
    assert texts(article)[1:] == [("paragraph", f"第一句{end}第二段。")]


def test_broken_paragraph_is_not_joined_across_a_subheading():
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n没有句号\n\n## 小标题\n\n第二段。\n")
    assert texts(article)[1:] == [
        ("paragraph", "没有句号"),
        ("heading", "小标题"),
        ("paragraph", "第二段。"),
    ]


def test_broken_paragraph_is_not_joined_across_a_footer():
    text = "# 标题\n" + BYLINE_AND_BODY + "\n没有句号\n\n更多内容请关注大众日报客户端青岛频道\n\n第二段。\n"
    article = only(text)
    assert texts(article)[1:] == [("paragraph", "没有句号"), ("paragraph", "第二段。")]


def test_broken_paragraph_is_not_joined_across_an_article_start():
    text = "# 一\n" + BYLINE_AND_BODY + "\n没有句号\n\n# 二\n\n□记者 白晓 报道\n\n第二篇正文。\n"
    first, second = parse(text).articles
    assert texts(first)[-1] == ("paragraph", "没有句号")
    assert texts(second) == [("paragraph", "第二篇正文。")]


def test_hard_break_line_ending_ends_a_block():
    article = only("# 标题\n\n□记者 肖芳 报道  \n本报讯 11月24日,第一段。  \n第二段。\n")
    assert article.bylines == (Byline("记者", "肖芳"),)
    assert texts(article) == [("paragraph", "第一段。"), ("paragraph", "第二段。")]


def test_byline_and_dateline_on_consecutive_lines_without_hard_break():
    article = only("# 标题\n□记者 肖芳 报道\n本报青岛讯 11月24日,第一段。\n")
    assert article.bylines == (Byline("记者", "肖芳"),)
    assert article.dateline.text == "本报青岛讯 11月24日"
    assert texts(article) == [("paragraph", "第一段。")]


def test_lines_of_one_block_form_one_paragraph():
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n第二段前半,\n后半。\n")
    assert texts(article)[1] == ("paragraph", "第二段前半,后半。")


def test_runs_of_blank_lines_and_trailing_spaces_carry_no_meaning():
    compact = parse("# 标题\n\n□记者 肖芳 报道\n\n本报讯 11月24日,第一段。\n\n第二段。\n")
    loose = parse("\n\n\n# 标题   \n\n\n\n□记者 肖芳 报道\n\n\n本报讯 11月24日,第一段。 \n\n \n\t\n第二段。\n\n\n")
    assert texts(loose.articles[0]) == texts(compact.articles[0])
    assert loose.articles[0].bylines == compact.articles[0].bylines


def test_punctuation_is_kept_as_printed():
    article = only("# 标题\n" + BYLINE_AND_BODY + "\n华为(烟台)项目:投资1-2亿元,《方案》、“计划”。\n")
    assert texts(article)[1] == ("paragraph", "华为(烟台)项目:投资1-2亿元,《方案》、“计划”。")


def test_html_and_template_syntax_in_the_source_is_kept_literally():
    article = only("# 标题<b>粗</b>\n" + BYLINE_AND_BODY + "\n<script>alert(1)</script>{{ x }}{% if %}。\n")
    assert article.title == "标题<b>粗</b>"
    assert texts(article)[1] == ("paragraph", "<script>alert(1)</script>{{ x }}{% if %}。")


# --- footers and articles without byline ------------------------------------------------

FOOTER = "更多内容请关注大众报业·大众日报客户端青岛频道"


def test_footer_anywhere_is_never_in_a_body():
    text = (
        f"{FOOTER}\n\n# 一\n" + BYLINE_AND_BODY + f"\n{FOOTER}\n\n第二段。\n{FOOTER}\n\n"
        f"# 二\n\n□记者 白晓 报道\n\n第二篇正文。\n\n{FOOTER}\n"
    )
    first, second = parse(text).articles
    assert texts(first) == [("paragraph", "正文第一段。"), ("paragraph", "第二段。")]
    assert texts(second) == [("paragraph", "第二篇正文。")]
    assert all("更多内容请关注" not in a.text for a in (first, second))


def test_footer_is_one_line_and_never_swallows_the_line_after_it():
    text = "# 一\n" + BYLINE_AND_BODY + f"\n{FOOTER}\n第二段。\n"
    assert texts(only(text)) == [("paragraph", "正文第一段。"), ("paragraph", "第二段。")]


def test_heading_right_after_a_footer_starts_an_article_even_without_byline():
    text = "# 一\n" + BYLINE_AND_BODY + f"\n{FOOTER}\n\n# 二\n\n第二篇正文,没有署名。\n"
    edition = parse(text)
    _, second = edition.articles
    assert second.title == "二" and second.bylines == () and second.dateline is None
    assert texts(second) == [("paragraph", "第二篇正文,没有署名。")]
    assert any("no byline or dateline" in w for w in edition.warnings)


def test_heading_at_the_start_of_the_file_starts_an_article_even_without_byline():
    edition = parse("# 标题\n\n正文,没有署名也没有电头。\n")
    assert edition.articles[0].title == "标题"
    assert any("「标题」" in w and "no byline or dateline" in w for w in edition.warnings)


def test_every_cjk_character_of_an_inline_edition_lands_somewhere():
    text = (
        f"{FOOTER}\n\n航拍港口\n\n□记者 白晓 摄\n\n"
        "### 聚焦海洋——\n# 青岛港 创新高\n## ——前十月增长\n\n"
        "□记者 薄克国 通讯员 纪粹琳 报道  \n本报青岛讯 11月24日,第一段\n\n"
        "接续。\n\n## 小标题\n\n收尾。\n"
    )
    source = text.replace(FOOTER, "")
    parsed = "".join(a.text for a in parse(text).articles)
    assert Counter(HANZI.findall(parsed)) == Counter(HANZI.findall(source))


def test_article_text_joins_every_printed_word():
    article = only("# 标题\n" + BYLINE_AND_BODY)
    assert article.text.split("\n") == [
        "标题",
        "记者 肖芳",
        "报道",
        "本报青岛讯 11月24日",
        "正文第一段。",
    ]


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n  \r\n"])
def test_empty_file_is_a_parse_error(data):
    error = parse_error(data, path="empty.txt")
    assert str(error) == "empty.txt: empty file"
    assert error.line is None and error.path == "empty.txt"


def test_binary_file_is_a_parse_error_naming_the_line():
    error = parse_error(b"# title\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", path="photo.txt")
    assert str(error) == "photo.txt:4: binary file, not a text edition"


def test_undecodable_bytes_are_a_parse_error_naming_the_line():
    data = "# 标题\n\n□记者 肖芳 报道\n\n".encode() + b"\xff\xfe\xfa\xfb broken\n"
    error = parse_error(data)
    assert error.line == 5
    assert "undecodable" in str(error)


def test_latin1_text_is_not_silently_read_as_gb18030():
    error = parse_error("# Café\n\nrésumé naïve façade\n".encode("latin-1"))
    assert error.line == 1


def test_big5_text_is_not_silently_read_as_gb18030():
    error = parse_error(("# 臺灣新聞\n\n" + "這是一篇繁體中文報導。" * 20 + "\n").encode("big5"))
    assert "GB18030" in str(error)


def test_gb18030_and_gbk_text_is_detected():
    text = "# 青岛港吞吐量创新高\n\n□记者 肖芳 报道\n\n本报青岛讯 11月24日,青岛港前十个月吞吐量增长。\n"
    for encoding in ("gb18030", "gbk"):
        article = only(text, encoding=encoding)
        assert article.title == "青岛港吞吐量创新高"
        assert texts(article) == [("paragraph", "青岛港前十个月吞吐量增长。")]


def test_utf16_with_bom_is_detected():
    text = "# 标题\n\n□记者 肖芳 报道\n\n本报青岛讯 11月24日,正文。\n"
    assert only(text, encoding="utf-16").title == "标题"


def test_decode_normalises_crlf_and_cr_line_ends():
    assert decode(b"a\r\nb\rc\n", "x.txt") == "a\nb\nc\n"


def test_nul_character_is_a_parse_error_naming_the_line():
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + "\n正文\x00。\n")
    assert error.line == 6
    assert "binary" in str(error)


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x0c", "\x7f", "\x85"])
def test_control_character_is_a_parse_error_naming_the_line(char):
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + f"\n正文{char}。\n")
    assert str(error).startswith("edition.txt:6: control character U+")


def test_twenty_thousand_character_line_is_a_parse_error():
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + "\n" + "长" * 20_000 + "\n")
    assert error.line == 6
    assert "line too long" in str(error)


def test_byline_at_the_end_of_the_file_is_a_parse_error():
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + "\n□记者 白晓 报道\n")
    assert error.line == 6
    assert "byline with no article" in str(error)


def test_byline_followed_by_a_paragraph_is_a_parse_error():
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + "\n□记者 白晓 报道\n\n又一段。\n")
    assert error.line == 6


def test_dateline_paragraph_with_no_article_is_a_parse_error():
    assert parse_error("本报青岛讯 11月24日,没有标题的稿件。\n").line == 1
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + "\n本报讯 11月25日,又一篇没有标题。\n")
    assert error.line == 6
    assert "dateline paragraph with no article" in str(error)


def test_text_before_any_heading_is_a_parse_error():
    assert parse_error("\n孤立的一段文字。\n\n# 标题\n" + BYLINE_AND_BODY).line == 2


def test_heading_with_no_body_at_the_end_of_the_file_is_a_parse_error():
    error = parse_error("# 标题\n" + BYLINE_AND_BODY + "\n## 结尾的小标题\n")
    assert str(error) == "edition.txt:6: heading 「结尾的小标题」 with no body after it"
    assert parse_error("# 只有标题\n").line == 1


def test_article_with_no_body_is_a_parse_error():
    assert parse_error("# 标题\n\n□记者 肖芳 报道\n").line == 1


def test_file_of_only_footers_has_no_article():
    assert "no article" in str(parse_error(f"{FOOTER}\n"))


def test_parse_error_is_one_line_with_and_without_line():
    assert str(ParseError("a.txt", 7, "bad\nthing")) == "a.txt:7: bad thing"
    assert str(ParseError("a.txt", None, "bad")) == "a.txt: bad"


# --- edition date -----------------------------------------------------------------------

UNDATED = "# 标题\n\n□记者 肖芳 报道\n\n本报青岛讯 11月24日,2020年青岛港吞吐量创新高。\n"


def test_edition_date_option_wins_without_warning():
    edition = parse(UNDATED, path="2019-01-01.txt", edition_date=DAY)
    assert (edition.edition_date, edition.date_source, edition.warnings) == (DAY, "option", ())


@pytest.mark.parametrize("name", ["qd-2020-11-30.txt", "qd_20201130_a03.txt", "dir/2020-11-30.txt"])
def test_edition_date_from_the_file_name(name):
    edition = parse(UNDATED, path=name, edition_date=None)
    assert (edition.edition_date, edition.date_source) == (DAY, "filename")
    assert "2020-11-30" in edition.warnings[0] and "file name" in edition.warnings[0]
    assert edition.articles[0].dateline.date == datetime.date(2020, 11, 24)
    assert edition.source_name == Path(name).name


def test_edition_date_from_the_text_is_the_day_after_the_latest_dateline():
    edition = parse(UNDATED, path="edition.txt", edition_date=None)
    assert (edition.edition_date, edition.date_source) == (datetime.date(2020, 11, 25), "text")
    assert "--edition-date" in edition.warnings[0]


def test_no_edition_date_anywhere_asks_for_the_option():
    with pytest.raises(ParseError, match="--edition-date") as caught:
        parse("# 标题\n\n□记者 肖芳 报道\n\n本报青岛讯 日前,没有年份。\n", edition_date=None)
    assert caught.value.line is None


# --- sections ---------------------------------------------------------------------------


def test_load_sections_reads_the_channel_file():
    sections, default = load_sections(SECTIONS_FILE.read_text(encoding="utf-8"))
    slugs = [s.slug for s in sections]
    assert default == "yaowen" and default in slugs
    assert 4 <= len(sections) <= 6
    assert all(re.fullmatch(r"[a-z0-9-]+", slug) for slug in slugs)
    assert all(s.title and s.keywords for s in sections)


@pytest.mark.parametrize(
    "toml",
    [
        'default = "x"\n',
        'default = "nope"\n[[section]]\nslug = "a"\ntitle = "甲"\n',
        'default = "a"\n[[section]]\nslug = "经济"\ntitle = "经济"\n',
        'default = "a"\n[[section]]\nslug = "a"\ntitle = "甲"\n[[section]]\nslug = "a"\ntitle = "乙"\n',
        'default = "a"\n[[section]]\nslug = "a"\ntitle = "甲"\nkeywords = "不是列表"\n',
        "not toml at all [",
    ],
)
def test_load_sections_rejects_a_bad_file(toml):
    with pytest.raises(ValueError):
        load_sections(toml)


def test_classify_section_title_hit_outweighs_a_body_hit():
    assert classify_section("文化节开幕", "企业参加", SECTIONS, "yaowen") == "wenlv"
    assert classify_section("开幕", "企业、产业与文化", SECTIONS, "yaowen") == "jingji"


def test_classify_section_tie_goes_to_the_earlier_section():
    assert classify_section("", "市政府 企业", SECTIONS, "wenlv") == "yaowen"


def test_classify_section_without_any_hit_gives_the_default():
    assert classify_section("标题", "正文", SECTIONS, "wenlv") == "wenlv"
    assert classify_section("标题", "正文", [], "wenlv") == "wenlv"


def test_roles_of_other_papers_and_agencies_are_roles():
    text = "### 标题\n\n□新华社记者 王小明 大众日报记者 李华 报道  \n新华社北京12月2日电 正文。\n"
    edition = parse_edition(text.encode(), "x-2020-12-03.txt", sections=[], default_section="yaowen")
    assert [(b.role, b.name) for b in edition.articles[0].bylines] == [
        ("新华社记者", "王小明"),
        ("大众日报记者", "李华"),
    ]
