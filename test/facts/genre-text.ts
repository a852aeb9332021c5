/**
 * Team-written paragraphs modelled on the genre of an industrial park's annual work summary (经济运行,
 * 融资与惠企, 项目建设, 安全环保). The park, the companies, the programmes and every figure are invented;
 * no real document's text is copied here.
 */

/** 规上企业 totals with yoy rates across ；, a 其中 sub-scope with two shares, a flow count and a half-year rank. */
export const GENRE_ECONOMY =
  "三是经济运行稳中有升。2021年，园区规上企业实现工业总产值186亿元，同比增长13.4%；实现营业收入194亿元，同比增长18.7%；实现利润总额15.8亿元，同比增长31.5%；上缴税金7.42亿元，同比增长6.8%；全部从业人员平均人数6453人，同比增长9%；完成工业用电量4.7亿千瓦时，同比增长3%。其中14家新材料企业实现营业收入87亿元，上缴税金3.9亿元，分别占园区比重为44.8%和53%。全年新增认定国家高新技术企业9家。2021年上半年度青桐工业园区在全省开发区高质量发展考核中综合排名第37位。";

/** Financing platforms (enterprise count, a loan total to three decimals), tax incentives and subsidies with 余/多. */
export const GENRE_FINANCE =
  "一是拓宽企业融资渠道。2021年，依托“青桐e贷”、“园保通”等融资平台获得贷款支持的企业52户，累计放贷金额3.145亿元。二是落实惠企奖补政策。落实税收奖励返还政策41户企业，同时拨付企业发展扶持资金总金额1.96亿元。三是用心做好助企纾困工作。2021年，园区统筹抓好疫情防控和生产经营，组织干部上门宣讲减税降费政策，帮助企业稳订单、稳用工。全年累计发放企业防疫复产补助资金130余万元，发放稳岗返还补助资金350多万元，协助企业申报职业技能提升补贴资金520余万元。";

/** Settled projects with 其中 investment thresholds, forecasts after 达产达标后, and building progress counted in 栋. */
export const GENRE_PROJECTS =
  "四是项目支撑持续增强。2021年，园区新落户工贸企业项目11个，项目总投资95.4亿元，其中投资额30亿元以上的项目1个，10亿元以上项目3个，亿元以上项目9个，项目全部建成达产达标后，每年可实现营业收入达30亿元，税收1亿多元，可提供就业岗位4500余人。在建项目进展顺利，智造产业园东区D1-D6六栋厂房均已封顶，D7-D9三栋研发楼已建至四层，西区W1-W5正在进行基础施工，产业园边建设边招商，已签约入驻企业13家。";

/** Safety and environment checks: counts of notices, petitions, violations and a fine, then a numbered problem list. */
export const GENRE_SAFETY =
  "会同区应急管理局对桐林建材、禾丰新材等企业的特种设备开展专项安全检查，共下发安全隐患整改通知书8份；发出环境保护整改通知书11余份，办结环保信访件9件，查处各类环境违法行为共13起，罚款56.8万元。二、面临的困难和问题 1.企业自主创新能力偏弱。2.订单不足，部分企业开工不满。";
