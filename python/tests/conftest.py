"""Shared test data: sentences the team wrote in the style of political news (never copied
from a corpus), and helpers."""

from __future__ import annotations

import pytest

#: Our own sentences: Chinese political text, numbers and dates, Latin, full-width forms,
#: whitespace of several kinds, an emoji (outside the BMP), line breaks.
SENTENCES = [
    "国务院常务会议研究部署进一步稳定和扩大就业的政策措施。",
    "2024年全国粮食总产量达到1.4万亿斤，同比增长1.6%。",
    "坚持以人民为中心的发展思想，扎实推进共同富裕。",
    "全国人大常委会第十次会议在北京闭幕，审议通过了多部法律。",
    "推动成渝地区双城经济圈建设走深走实。",
    "各地区各部门要深入学习贯彻习近平新时代中国特色社会主义思想。",
    "发展全过程人民民主，保障人民当家作主。",
    "中国人民政治协商会议第十四届全国委员会第二次会议开幕。",
    "The report mentions GDP growth of 5.2% and COVID-19 recovery.",
    "乡村振兴 战略\t实施以来，农村居民人均可支配收入持续增长。\n下一段继续。",
    "ＧＤＰ增长５．２％，ＣＰＩ上涨０.３％。",
    "一带一路倡议提出十周年😀，合作成果丰硕！",
    "  前后有空格  ",
]

#: A short document for keyword tests: one political term repeated among ordinary words.
DOCUMENT = (
    "推动成渝地区双城经济圈建设，是党中央作出的重大决策部署。"
    "近年来，成渝地区双城经济圈建设取得明显成效，交通互联互通水平不断提高，"
    "产业协作持续深化。下一步，要继续推动成渝地区双城经济圈建设走深走实，"
    "加快打造带动全国高质量发展的重要增长极和新的动力源。"
)


@pytest.fixture(params=SENTENCES, ids=lambda s: s[:8])
def sentence(request) -> str:
    return request.param


@pytest.fixture
def write_file(tmp_path):
    """Writes bytes or text to a file in a temporary directory; returns its path."""

    def write(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return str(path)

    return write
