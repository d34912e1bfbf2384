# ruff: noqa: W291 - the edition below keeps the format's hard-break line endings ("  ").
"""The search relevance suite: queries over the seed and a second edition, and the article each must find.

Shared by tests/search/test_relevance.py and bench/search_relevance.py (which also scores the
unsegmented backend on the same cases).
"""

from dataclasses import dataclass

# A second edition in the source format, written for these tests: places, institutions, numbers,
# Latin letters inside Chinese, a caption-only term and a wire story.
SECOND_EDITION = """\
巨峰索道旁新建的观景台游人如织。

□记者 王海涛 摄

### 崂山风景区获评 国家5A级旅游景区

□记者 王海涛 通讯员 刘晓燕 报道  
本报青岛讯 12月1日,文化和旅游部公布新一批国家5A级旅游景区名单,崂山风景区位列其中,成为青岛首个5A级景区。

崂山风景区管理局介绍,景区今年完成了游客中心改造和智慧导览系统建设,全年接待游客超过300万人次。游客可乘地铁换乘旅游专线前往。

### 青岛地铁6号线一期 开通试运营

□本报记者 李媛  
本报青岛讯 12月2日,青岛地铁6号线一期工程今天开通试运营,线路全长30.8公里,设车站21座,贯穿西海岸新区南北。

据介绍,6号线采用全自动运行系统,最高时速100公里,早晚高峰行车间隔约6分钟。

### 青岛港自动化码头 创装卸效率世界纪录

□记者 薄克国 报道  
本报青岛讯 12月1日,青岛港全自动化集装箱码头桥吊单机平均作业效率达到每小时52.8自然箱,再次刷新世界纪录。

### 全市新建5G基站一万余个

□记者 肖芳 实习生 陈思雨 报道  
本报讯 12月2日,记者从市工业和信息化局获悉,今年全市新建5G基站一万余个,重点场所实现5G网络全覆盖。

### 央行发布 第三季度支付体系运行报告

新华社北京12月2日电 中国人民银行2日发布数据显示,第三季度支付业务量保持稳步增长,移动支付业务金额同比增长。

### 即墨区发放 首批古城保护修缮补助

□记者 张志德 报道  
本报青岛讯 日前,即墨区向古城内42户居民发放首批保护修缮补助资金,支持传统民居按原貌修缮。
"""
SECOND_EDITION_NAME = "qingdao-2020-12-03.txt"


@dataclass(frozen=True)
class Case:
    query: str
    expected: str  # a distinctive part of the title of the article that must be found
    within: int = 1  # 1: it must come first; 3: among the first three
    kind: str = ""  # what the case exercises
    unsegmented_misses: bool = False  # the unsegmented backend finds nothing for this query


CASES = [
    # People (bylines and photo credits)
    Case("宋孜", "以模式创新保持引领优势", 1, "person"),
    Case("纪粹琳", "科技服务团服务青岛", 1, "person"),
    Case("王海涛", "崂山风景区", 1, "person"),
    Case("薄克国", "青岛港自动化码头", 1, "person"),
    Case("张志德", "宝山镇", 3, "person"),
    # Places
    Case("宝山镇", "宝山镇", 1, "place", True),
    Case("西海岸新区", "宝山镇", 3, "place", True),
    Case("崂山", "崂山风景区", 1, "place", True),
    Case("即墨区", "即墨区", 1, "place", True),
    Case("胶东经济圈", "胶东经济圈", 1, "place", True),
    Case("老城区", "老城区申遗", 1, "place", True),
    # Organisations and brands
    Case("卡奥斯", "以模式创新保持引领优势", 1, "organisation", True),
    Case("华夏基石", "华夏基石", 1, "organisation"),
    Case("中国科协", "科技服务团服务青岛", 1, "organisation"),
    Case("中国中车", "央地合作项目", 1, "organisation", True),
    Case("青岛港", "青岛港自动化码头", 1, "organisation", True),
    Case("中国人民银行", "支付体系运行报告", 1, "organisation", True),
    # Terms
    Case("海洋牧场", "海洋牧场", 1, "term", True),
    Case("工业互联网", "以模式创新保持引领优势", 3, "term"),
    Case("一村一品", "宝山镇", 1, "term"),
    Case("申遗", "老城区申遗", 1, "term", True),
    Case("跨域通办", "胶东经济圈", 1, "term"),
    Case("蓝莓", "宝山镇", 1, "term", True),
    Case("试运营", "地铁6号线", 1, "term", True),
    # Only in a photo caption
    Case("丝绸之路", "华夏基石", 1, "caption"),
    Case("观景台", "崂山风景区", 1, "caption", True),
    # Latin letters and numbers inside Chinese, full-width forms
    Case("5G", "5G基站", 1, "mixed"),
    Case("5A级", "崂山风景区", 1, "mixed", True),
    Case("６号线", "地铁6号线", 1, "mixed", True),
    Case("2020年", "胶东经济圈", 3, "mixed"),
    # Traditional characters find simplified text
    Case("嶗山風景區", "崂山风景区", 1, "traditional", True),
    Case("膠東經濟圈", "胶东经济圈", 1, "traditional", True),
    Case("藍莓", "宝山镇", 1, "traditional", True),
    # Several words: all must be there; headline hits first
    Case("青岛 地铁", "地铁6号线", 1, "words", True),
    Case("自动化码头 世界纪录", "青岛港自动化码头", 1, "words", True),
    Case("时尚产业峰会", "华夏基石", 1, "words", True),
]
