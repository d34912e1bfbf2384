"""Parsing whole editions: the first real edition field by field, its JSON shape, every word kept."""

import datetime
import json
from collections import Counter

from newsroom.importer.records import Byline, edition_to_dict
from tests.importer.parser.editions import BYLINE_AND_BODY, FOOTER, HANZI, SEED, only, parse, seed_edition

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
