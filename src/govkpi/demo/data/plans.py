"""The national plan tree that KPIs link to (การเชื่อมโยงกับแผนระดับชาติ).

Real titles of:

- the 6 strategies of the 20-year National Strategy 2561–2580 (ยุทธศาสตร์ชาติ), "NS1".."NS6";
- the 23 master plans under the National Strategy (แผนแม่บทภายใต้ยุทธศาสตร์ชาติ),
  "MP01".."MP23", each under the strategy it mainly serves. Master plan 23 (การวิจัยและ
  พัฒนานวัตกรรม) serves several strategies; we file it under NS2 (competitiveness);
- the 13 milestones (หมุดหมาย) of the 13th National Economic and Social Development Plan
  2566–2570, "M01".."M13";
- the 13 areas of the revised National Reform Plan (แผนการปฏิรูปประเทศ ฉบับปรับปรุง, 2564),
  "RF01".."RF13";
- the 17 Sustainable Development Goals, "SDG01".."SDG17";
- a few key policies (นโยบายสำคัญ), "POL-…": their short titles are our wording.

English titles are working translations. Milestones, reform areas, SDGs and policies
have no parent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

PlanKind = Literal["strategy", "master_plan", "milestone", "reform", "sdg", "policy"]


@dataclass(frozen=True, slots=True)
class PlanNode:
    """One node of the plan tree; ``parent`` is another node's ``code`` or None."""

    code: str
    kind: PlanKind
    parent: str | None
    title_th: str
    title_en: str


_STRATEGIES: Final[tuple[PlanNode, ...]] = (
    PlanNode("NS1", "strategy", None, "ยุทธศาสตร์ชาติด้านความมั่นคง", "National Strategy on National Security"),
    PlanNode(
        "NS2",
        "strategy",
        None,
        "ยุทธศาสตร์ชาติด้านการสร้างความสามารถในการแข่งขัน",
        "National Strategy on National Competitiveness Enhancement",
    ),
    PlanNode(
        "NS3",
        "strategy",
        None,
        "ยุทธศาสตร์ชาติด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์",
        "National Strategy on Human Capital Development and Strengthening",
    ),
    PlanNode(
        "NS4",
        "strategy",
        None,
        "ยุทธศาสตร์ชาติด้านการสร้างโอกาสและความเสมอภาคทางสังคม",
        "National Strategy on Social Opportunity and Equality",
    ),
    PlanNode(
        "NS5",
        "strategy",
        None,
        "ยุทธศาสตร์ชาติด้านการสร้างการเติบโตบนคุณภาพชีวิตที่เป็นมิตรต่อสิ่งแวดล้อม",
        "National Strategy on Eco-Friendly Development and Growth",
    ),
    PlanNode(
        "NS6",
        "strategy",
        None,
        "ยุทธศาสตร์ชาติด้านการปรับสมดุลและพัฒนาระบบการบริหารจัดการภาครัฐ",
        "National Strategy on Public Sector Rebalancing and Development",
    ),
)

_MASTER_PLANS: Final[tuple[PlanNode, ...]] = (
    PlanNode("MP01", "master_plan", "NS1", "แผนแม่บทฯ ประเด็นความมั่นคง", "Master Plan: Security"),
    PlanNode("MP02", "master_plan", "NS1", "แผนแม่บทฯ ประเด็นการต่างประเทศ", "Master Plan: Foreign Affairs"),
    PlanNode("MP03", "master_plan", "NS2", "แผนแม่บทฯ ประเด็นการเกษตร", "Master Plan: Agriculture"),
    PlanNode(
        "MP04",
        "master_plan",
        "NS2",
        "แผนแม่บทฯ ประเด็นอุตสาหกรรมและบริการแห่งอนาคต",
        "Master Plan: Future Industries and Services",
    ),
    PlanNode("MP05", "master_plan", "NS2", "แผนแม่บทฯ ประเด็นการท่องเที่ยว", "Master Plan: Tourism"),
    PlanNode(
        "MP06",
        "master_plan",
        "NS2",
        "แผนแม่บทฯ ประเด็นพื้นที่และเมืองน่าอยู่อัจฉริยะ",
        "Master Plan: Liveable Areas and Smart Cities",
    ),
    PlanNode(
        "MP07",
        "master_plan",
        "NS2",
        "แผนแม่บทฯ ประเด็นโครงสร้างพื้นฐาน ระบบโลจิสติกส์ และดิจิทัล",
        "Master Plan: Infrastructure, Logistics and Digital",
    ),
    PlanNode(
        "MP08",
        "master_plan",
        "NS2",
        "แผนแม่บทฯ ประเด็นผู้ประกอบการและวิสาหกิจขนาดกลางและขนาดย่อมยุคใหม่",
        "Master Plan: Entrepreneurs and SMEs of the New Era",
    ),
    PlanNode("MP09", "master_plan", "NS2", "แผนแม่บทฯ ประเด็นเขตเศรษฐกิจพิเศษ", "Master Plan: Special Economic Zones"),
    PlanNode(
        "MP10",
        "master_plan",
        "NS3",
        "แผนแม่บทฯ ประเด็นการปรับเปลี่ยนค่านิยมและวัฒนธรรม",
        "Master Plan: Changing Values and Culture",
    ),
    PlanNode(
        "MP11",
        "master_plan",
        "NS3",
        "แผนแม่บทฯ ประเด็นการพัฒนาศักยภาพคนตลอดช่วงชีวิต",
        "Master Plan: Human Potential Development throughout the Life Course",
    ),
    PlanNode("MP12", "master_plan", "NS3", "แผนแม่บทฯ ประเด็นการพัฒนาการเรียนรู้", "Master Plan: Enhancing Learning"),
    PlanNode(
        "MP13",
        "master_plan",
        "NS3",
        "แผนแม่บทฯ ประเด็นการเสริมสร้างให้คนไทยมีสุขภาวะที่ดี",
        "Master Plan: Promoting Well-being of Thai People",
    ),
    PlanNode("MP14", "master_plan", "NS3", "แผนแม่บทฯ ประเด็นศักยภาพการกีฬา", "Master Plan: Sports Potential"),
    PlanNode("MP15", "master_plan", "NS4", "แผนแม่บทฯ ประเด็นพลังทางสังคม", "Master Plan: Social Empowerment"),
    PlanNode("MP16", "master_plan", "NS4", "แผนแม่บทฯ ประเด็นเศรษฐกิจฐานราก", "Master Plan: Grassroots Economy"),
    PlanNode(
        "MP17",
        "master_plan",
        "NS4",
        "แผนแม่บทฯ ประเด็นความเสมอภาคและหลักประกันทางสังคม",
        "Master Plan: Social Equality and Social Security",
    ),
    PlanNode("MP18", "master_plan", "NS5", "แผนแม่บทฯ ประเด็นการเติบโตอย่างยั่งยืน", "Master Plan: Sustainable Growth"),
    PlanNode(
        "MP19",
        "master_plan",
        "NS5",
        "แผนแม่บทฯ ประเด็นการบริหารจัดการน้ำทั้งระบบ",
        "Master Plan: Integrated Water Resource Management",
    ),
    PlanNode(
        "MP20",
        "master_plan",
        "NS6",
        "แผนแม่บทฯ ประเด็นการบริการประชาชนและประสิทธิภาพภาครัฐ",
        "Master Plan: Public Services and Public Sector Efficiency",
    ),
    PlanNode(
        "MP21", "master_plan", "NS6", "แผนแม่บทฯ ประเด็นการต่อต้านการทุจริตและประพฤติมิชอบ", "Master Plan: Anti-Corruption"
    ),
    PlanNode(
        "MP22",
        "master_plan",
        "NS6",
        "แผนแม่บทฯ ประเด็นกฎหมายและกระบวนการยุติธรรม",
        "Master Plan: Law and the Justice Process",
    ),
    PlanNode(
        "MP23",
        "master_plan",
        "NS2",
        "แผนแม่บทฯ ประเด็นการวิจัยและพัฒนานวัตกรรม",
        "Master Plan: Research and Innovation Development",
    ),
)

_MILESTONES: Final[tuple[PlanNode, ...]] = (
    PlanNode(
        "M01",
        "milestone",
        None,
        "หมุดหมายที่ 1 ไทยเป็นประเทศชั้นนำด้านสินค้าเกษตรและเกษตรแปรรูปมูลค่าสูง",
        "Milestone 1: Thailand is a leading producer of high-value agricultural and agro-processed products",
    ),
    PlanNode(
        "M02",
        "milestone",
        None,
        "หมุดหมายที่ 2 ไทยเป็นจุดหมายของการท่องเที่ยวที่เน้นคุณภาพและความยั่งยืน",
        "Milestone 2: Thailand is a destination for quality and sustainable tourism",
    ),
    PlanNode(
        "M03",
        "milestone",
        None,
        "หมุดหมายที่ 3 ไทยเป็นฐานการผลิตยานยนต์ไฟฟ้าที่สำคัญของโลก",
        "Milestone 3: Thailand is an important global production base for electric vehicles",
    ),
    PlanNode(
        "M04",
        "milestone",
        None,
        "หมุดหมายที่ 4 ไทยเป็นศูนย์กลางทางการแพทย์และสุขภาพมูลค่าสูง",
        "Milestone 4: Thailand is a hub for high-value medical and wellness services",
    ),
    PlanNode(
        "M05",
        "milestone",
        None,
        "หมุดหมายที่ 5 ไทยเป็นประตูการค้าการลงทุนและยุทธศาสตร์ทางโลจิสติกส์ที่สำคัญของภูมิภาค",
        "Milestone 5: Thailand is a key regional gateway for trade, investment and logistics",
    ),
    PlanNode(
        "M06",
        "milestone",
        None,
        "หมุดหมายที่ 6 ไทยเป็นฐานการผลิตอุปกรณ์อิเล็กทรอนิกส์อัจฉริยะและอุตสาหกรรมดิจิทัลของอาเซียน",
        "Milestone 6: Thailand is ASEAN's base for smart electronics and the digital industry",
    ),
    PlanNode(
        "M07",
        "milestone",
        None,
        "หมุดหมายที่ 7 ไทยมีวิสาหกิจขนาดกลางและขนาดย่อมที่เข้มแข็ง มีศักยภาพสูง และสามารถแข่งขันได้",
        "Milestone 7: Thailand has strong, high-potential and competitive SMEs",
    ),
    PlanNode(
        "M08",
        "milestone",
        None,
        "หมุดหมายที่ 8 ไทยมีพื้นที่และเมืองอัจฉริยะที่น่าอยู่ ปลอดภัย เติบโตได้อย่างยั่งยืน",
        "Milestone 8: Thailand has liveable, safe and sustainable smart areas and cities",
    ),
    PlanNode(
        "M09",
        "milestone",
        None,
        "หมุดหมายที่ 9 ไทยมีความยากจนข้ามรุ่นลดลง และมีความคุ้มครองทางสังคมที่เพียงพอ เหมาะสม",
        "Milestone 9: Thailand has less intergenerational poverty and adequate social protection",
    ),
    PlanNode(
        "M10",
        "milestone",
        None,
        "หมุดหมายที่ 10 ไทยมีเศรษฐกิจหมุนเวียนและสังคมคาร์บอนต่ำ",
        "Milestone 10: Thailand has a circular economy and a low-carbon society",
    ),
    PlanNode(
        "M11",
        "milestone",
        None,
        "หมุดหมายที่ 11 ไทยสามารถลดความเสี่ยงและผลกระทบจากภัยธรรมชาติและการเปลี่ยนแปลงสภาพภูมิอากาศ",
        "Milestone 11: Thailand reduces the risks and impacts of natural disasters and climate change",
    ),
    PlanNode(
        "M12",
        "milestone",
        None,
        "หมุดหมายที่ 12 ไทยมีกำลังคนสมรรถนะสูง มุ่งเรียนรู้อย่างต่อเนื่อง ตอบโจทย์การพัฒนาแห่งอนาคต",
        "Milestone 12: Thailand has a high-skilled workforce committed to lifelong learning",
    ),
    PlanNode(
        "M13",
        "milestone",
        None,
        "หมุดหมายที่ 13 ไทยมีภาครัฐที่ทันสมัย มีประสิทธิภาพ และตอบโจทย์ประชาชน",
        "Milestone 13: Thailand has a modern, efficient and responsive public sector",
    ),
)

_REFORMS: Final[tuple[PlanNode, ...]] = (
    PlanNode("RF01", "reform", None, "แผนการปฏิรูปประเทศ ด้านการเมือง", "National Reform Plan: Politics"),
    PlanNode(
        "RF02", "reform", None, "แผนการปฏิรูปประเทศ ด้านการบริหารราชการแผ่นดิน", "National Reform Plan: Public Administration"
    ),
    PlanNode("RF03", "reform", None, "แผนการปฏิรูปประเทศ ด้านกฎหมาย", "National Reform Plan: Law"),
    PlanNode("RF04", "reform", None, "แผนการปฏิรูปประเทศ ด้านกระบวนการยุติธรรม", "National Reform Plan: Justice Process"),
    PlanNode("RF05", "reform", None, "แผนการปฏิรูปประเทศ ด้านเศรษฐกิจ", "National Reform Plan: Economy"),
    PlanNode(
        "RF06",
        "reform",
        None,
        "แผนการปฏิรูปประเทศ ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม",
        "National Reform Plan: Natural Resources and Environment",
    ),
    PlanNode("RF07", "reform", None, "แผนการปฏิรูปประเทศ ด้านสาธารณสุข", "National Reform Plan: Public Health"),
    PlanNode(
        "RF08",
        "reform",
        None,
        "แผนการปฏิรูปประเทศ ด้านสื่อสารมวลชน เทคโนโลยีสารสนเทศ",
        "National Reform Plan: Mass Media and Information Technology",
    ),
    PlanNode("RF09", "reform", None, "แผนการปฏิรูปประเทศ ด้านสังคม", "National Reform Plan: Society"),
    PlanNode("RF10", "reform", None, "แผนการปฏิรูปประเทศ ด้านพลังงาน", "National Reform Plan: Energy"),
    PlanNode(
        "RF11",
        "reform",
        None,
        "แผนการปฏิรูปประเทศ ด้านการป้องกันและปราบปรามการทุจริตและประพฤติมิชอบ",
        "National Reform Plan: Prevention and Suppression of Corruption and Misconduct",
    ),
    PlanNode("RF12", "reform", None, "แผนการปฏิรูปประเทศ ด้านการศึกษา", "National Reform Plan: Education"),
    PlanNode(
        "RF13",
        "reform",
        None,
        "แผนการปฏิรูปประเทศ ด้านวัฒนธรรม กีฬา แรงงาน และการพัฒนาทรัพยากรมนุษย์",
        "National Reform Plan: Culture, Sports, Labour and Human Resource Development",
    ),
)

_SDGS: Final[tuple[PlanNode, ...]] = (
    PlanNode("SDG01", "sdg", None, "เป้าหมายที่ 1 ขจัดความยากจนทุกรูปแบบในทุกพื้นที่", "Goal 1: No Poverty"),
    PlanNode(
        "SDG02",
        "sdg",
        None,
        "เป้าหมายที่ 2 ขจัดความหิวโหย บรรลุความมั่นคงทางอาหาร ยกระดับโภชนาการ และส่งเสริมเกษตรกรรมที่ยั่งยืน",
        "Goal 2: Zero Hunger",
    ),
    PlanNode(
        "SDG03",
        "sdg",
        None,
        "เป้าหมายที่ 3 สร้างหลักประกันให้คนมีชีวิตที่มีสุขภาพดีและส่งเสริมสุขภาวะสำหรับทุกคนในทุกวัย",
        "Goal 3: Good Health and Well-being",
    ),
    PlanNode(
        "SDG04",
        "sdg",
        None,
        "เป้าหมายที่ 4 สร้างหลักประกันว่าทุกคนมีการศึกษาที่มีคุณภาพอย่างครอบคลุมและเท่าเทียม และส่งเสริมโอกาสในการเรียนรู้ตลอดชีวิต",
        "Goal 4: Quality Education",
    ),
    PlanNode(
        "SDG05",
        "sdg",
        None,
        "เป้าหมายที่ 5 บรรลุความเท่าเทียมระหว่างเพศ และเสริมพลังให้แก่สตรีและเด็กหญิง",
        "Goal 5: Gender Equality",
    ),
    PlanNode(
        "SDG06",
        "sdg",
        None,
        "เป้าหมายที่ 6 สร้างหลักประกันเรื่องน้ำและการสุขาภิบาลให้มีการจัดการอย่างยั่งยืนและมีสภาพพร้อมใช้สำหรับทุกคน",
        "Goal 6: Clean Water and Sanitation",
    ),
    PlanNode(
        "SDG07",
        "sdg",
        None,
        "เป้าหมายที่ 7 สร้างหลักประกันว่าทุกคนเข้าถึงพลังงานสมัยใหม่ในราคาที่สามารถซื้อหาได้ เชื่อถือได้ และยั่งยืน",
        "Goal 7: Affordable and Clean Energy",
    ),
    PlanNode(
        "SDG08",
        "sdg",
        None,
        "เป้าหมายที่ 8 ส่งเสริมการเติบโตทางเศรษฐกิจที่ต่อเนื่อง ครอบคลุม และยั่งยืน การจ้างงานเต็มที่และมีผลิตภาพ และการมีงานที่มีคุณค่าสำหรับทุกคน",
        "Goal 8: Decent Work and Economic Growth",
    ),
    PlanNode(
        "SDG09",
        "sdg",
        None,
        "เป้าหมายที่ 9 สร้างโครงสร้างพื้นฐานที่มีความทนทาน ส่งเสริมการพัฒนาอุตสาหกรรมที่ครอบคลุมและยั่งยืน และส่งเสริมนวัตกรรม",
        "Goal 9: Industry, Innovation and Infrastructure",
    ),
    PlanNode("SDG10", "sdg", None, "เป้าหมายที่ 10 ลดความไม่เสมอภาคภายในและระหว่างประเทศ", "Goal 10: Reduced Inequalities"),
    PlanNode(
        "SDG11",
        "sdg",
        None,
        "เป้าหมายที่ 11 ทำให้เมืองและการตั้งถิ่นฐานของมนุษย์มีความครอบคลุม ปลอดภัย ทนทาน และยั่งยืน",
        "Goal 11: Sustainable Cities and Communities",
    ),
    PlanNode(
        "SDG12",
        "sdg",
        None,
        "เป้าหมายที่ 12 สร้างหลักประกันให้มีแบบแผนการผลิตและการบริโภคที่ยั่งยืน",
        "Goal 12: Responsible Consumption and Production",
    ),
    PlanNode(
        "SDG13",
        "sdg",
        None,
        "เป้าหมายที่ 13 ปฏิบัติการอย่างเร่งด่วนเพื่อต่อสู้กับการเปลี่ยนแปลงสภาพภูมิอากาศและผลกระทบที่เกิดขึ้น",
        "Goal 13: Climate Action",
    ),
    PlanNode(
        "SDG14",
        "sdg",
        None,
        "เป้าหมายที่ 14 อนุรักษ์และใช้ประโยชน์จากมหาสมุทร ทะเล และทรัพยากรทางทะเลอย่างยั่งยืน",
        "Goal 14: Life Below Water",
    ),
    PlanNode(
        "SDG15", "sdg", None, "เป้าหมายที่ 15 ปกป้อง ฟื้นฟู และส่งเสริมการใช้ประโยชน์ระบบนิเวศบนบกอย่างยั่งยืน", "Goal 15: Life on Land"
    ),
    PlanNode(
        "SDG16",
        "sdg",
        None,
        "เป้าหมายที่ 16 ส่งเสริมสังคมที่สงบสุขและครอบคลุม ให้ทุกคนเข้าถึงความยุติธรรม และสร้างสถาบันที่มีประสิทธิผล รับผิดชอบ และครอบคลุมในทุกระดับ",
        "Goal 16: Peace, Justice and Strong Institutions",
    ),
    PlanNode(
        "SDG17",
        "sdg",
        None,
        "เป้าหมายที่ 17 เสริมความเข้มแข็งให้แก่กลไกการดำเนินงานและฟื้นฟูสภาพหุ้นส่วนความร่วมมือระดับโลกสำหรับการพัฒนาที่ยั่งยืน",
        "Goal 17: Partnerships for the Goals",
    ),
)

_POLICIES: Final[tuple[PlanNode, ...]] = (
    PlanNode(
        "POL-ESERVICE",
        "policy",
        None,
        "การขับเคลื่อนงานบริการภาครัฐผ่านระบบดิจิทัล (Agenda e-Service) ตามมติคณะรัฐมนตรี เมื่อวันที่ 3 สิงหาคม 2564",
        "Digital public services agenda (e-Service), Cabinet resolution of 3 August 2021",
    ),
    PlanNode(
        "POL-COVID19",
        "policy",
        None,
        "การฟื้นฟูและแก้ไขปัญหาสถานการณ์การแพร่ระบาดของโรคติดเชื้อไวรัสโคโรนา 2019 (COVID-19)",
        "Recovery from the COVID-19 pandemic",
    ),
    PlanNode(
        "POL-POVERTY",
        "policy",
        None,
        "การขจัดความยากจนและพัฒนาคนทุกช่วงวัยอย่างยั่งยืนตามหลักปรัชญาของเศรษฐกิจพอเพียง (ศจพ.)",
        "Poverty eradication and lifelong human development under the Sufficiency Economy Philosophy (ศจพ.)",
    ),
    PlanNode(
        "POL-BCG",
        "policy",
        None,
        "การพัฒนาเศรษฐกิจชีวภาพ เศรษฐกิจหมุนเวียน และเศรษฐกิจสีเขียว (BCG Model)",
        "Bio-Circular-Green Economy (BCG Model)",
    ),
    PlanNode(
        "POL-NETZERO",
        "policy",
        None,
        "เป้าหมายความเป็นกลางทางคาร์บอนภายในปี ค.ศ. 2050 และการปล่อยก๊าซเรือนกระจกสุทธิเป็นศูนย์ภายในปี ค.ศ. 2065",
        "Carbon neutrality by 2050 and net-zero greenhouse gas emissions by 2065",
    ),
)

PLAN_NODES: Final[tuple[PlanNode, ...]] = _STRATEGIES + _MASTER_PLANS + _MILESTONES + _REFORMS + _SDGS + _POLICIES

PLAN_CODES: Final[frozenset[str]] = frozenset(n.code for n in PLAN_NODES)

KIND_NAMES_TH: Final[dict[PlanKind, str]] = {
    "strategy": "ยุทธศาสตร์ชาติ",
    "master_plan": "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ",
    "milestone": "หมุดหมายการพัฒนา (แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ ฉบับที่ 13)",
    "reform": "แผนการปฏิรูปประเทศ",
    "sdg": "เป้าหมายการพัฒนาที่ยั่งยืน (SDGs)",
    "policy": "นโยบายสำคัญ",
}
