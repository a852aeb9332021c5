/** Shapes shared by the ingest stages (normalize → outline → chunks → facts). */

/** A section of an official document's outline: 一、 / （一） / 1. / 一是… */
export interface Section {
  /** Heading text as written, e.g. "一、2020年工作开展情况" or "二是园区经济平稳运行". */
  heading: string;
  /** 1 = 一、, 2 = （一）, 3 = 1. or 一是 … (deeper levels allowed). */
  level: number;
  /** Full path from the top, headings in order. */
  path: string[];
  /** Offsets of the whole section (heading included) in the normalized text. */
  start: number;
  end: number;
  /** Year the section speaks of and whether it reports or plans, when the heading or text says so. */
  year?: number;
  kind?: "summary" | "plan";
}
