import { describe, expect, it } from "vitest";
import { findParkMentions, isPlaceholderPark, isProperParkName, listedParks, parkAliases, properParkNames, resolveParkName } from "../../src/domain/park-names.ts";

describe("findParkMentions", () => {
  it.each([
    ["2025年1-9月青溪高新区实现地区生产总值", "青溪高新区", false],
    ["青溪经济开发区2021年计划", "青溪经济开发区", false],
    ["北岭县生态工业集中区实现工业总产值", "北岭县生态工业集中区", false],
    ["关于南湖工业园区发展情况", "南湖工业园区", false],
    ["加快推进全域工业园区发展", "工业园区", true],
    ["大力发展园区配套产业", "园区", true],
    ["该工业园区规划总面积是多少", "工业园区", true],
    ["一季度园区实现产值", "园区", true],
    ["度国家级开发区", "开发区", true],
    ["计划投入多少资金完成园区污水处理厂", "园区", true],
    ["优化园区营商环境", "园区", true],
    ["在全省经济开发区综合考评中", "经济开发区", true],
    ["XX工业园区紧紧围绕", "XX工业园区", true],
  ])("%s → %s (generic: %s)", (text, name, generic) => {
    const [mention] = findParkMentions(text);
    expect(mention.name).toBe(name);
    expect(mention.generic).toBe(generic);
  });

  it("marks honours in quotes or after 评为 as titles, not the text's own name", () => {
    const mentions = findParkMentions("园区先后被评为“省级生态工业园区”、“绿谷科技园”");
    expect(mentions.filter((mention) => !mention.generic).every((mention) => mention.title)).toBe(true);
  });

  it("keeps placeholders apart from proper names", () => {
    const [mention] = findParkMentions("XX工业园区");
    expect(mention.placeholder).toBe(true);
    expect(isProperParkName("XX工业园区")).toBe(false);
    expect(isProperParkName("江屿经济开发区")).toBe(true);
    expect(isProperParkName("加快推进全域工业园区")).toBe(false);
  });
});

describe("properParkNames", () => {
  it("counts the names a document uses, most used first, placeholders only when asked", () => {
    const text = "XX工业园区位于城东。园区下设北湖片区和青石产业园。青石产业园主导产业为电子信息，青石产业园现有企业40家。";
    expect(properParkNames(text).map((name) => [name.name, name.count])).toEqual([["青石产业园", 3]]);
    expect(properParkNames(text, { placeholders: true }).map((name) => name.name)).toContain("XX工业园区");
  });
});

describe("resolveParkName", () => {
  const known = {
    parks: ["江屿经济开发区", "P-07"],
    aliases: [{ alias: "长川高新区", park: "P-07", mentions: 5 }, { alias: "江屿开发区", park: "江屿经济开发区", mentions: 1 }],
  };
  it.each([
    ["江屿经济开发区", "江屿经济开发区"],
    ["江屿", "江屿经济开发区"],
    ["长川高新区", "P-07"],
    ["长川高新技术产业开发区", "P-07"],
    ["明湖经济开发区", null],
  ])("%s → %s", (name, park) => expect(resolveParkName(name, known)).toBe(park));

  it("prefers the caller's park when several parks' documents use a name", () => {
    const shared = { parks: ["A", "B"], aliases: [{ alias: "北湖园区", park: "A", mentions: 9 }, { alias: "北湖园区", park: "B", mentions: 1 }] };
    expect(resolveParkName("北湖园区", shared)).toBe("A");
    expect(resolveParkName("北湖园区", shared, "B")).toBe("B");
  });

  it("gives short forms of a park name", () => expect(parkAliases("江屿经济开发区")).toEqual(["江屿经济开发区", "江屿"]));
});

describe("placeholder parks are kept out of lists", () => {
  it("recognises anonymised and unnamed parks, and only those", () => {
    for (const name of ["XX工业园区", "ＸＸ经济开发区", "××高新区", "某某园区", "未命名园区（2023年工作总结）"]) expect(isPlaceholderPark(name)).toBe(true);
    for (const name of ["青石工业园区", "某山经济开发区".slice(1), "星湖经济技术开发区", "未来科技城"]) expect(isPlaceholderPark(name)).toBe(false);
    expect(listedParks(["青石工业园区", "XX工业园区", "未命名园区", "星湖开发区"])).toEqual(["青石工业园区", "星湖开发区"]);
  });
});
