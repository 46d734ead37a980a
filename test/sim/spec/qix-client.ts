// The slice of enigma.js's generated QIX API the simulator tests call (enigma's own typings
// do not describe the generated methods).
export type Layout = Record<string, unknown> & { qInfo: { qId: string; qType: string } };

export interface QixGeneric {
  id: string;
  getLayout(): Promise<Layout>;
  getProperties(): Promise<Record<string, unknown>>;
  getFullPropertyTree(): Promise<{ qProperty: Layout; qChildren: unknown[] }>;
  getChildInfos(): Promise<{ qId: string; qType: string }[]>;
  getChild(id: string): Promise<QixGeneric>;
  getHyperCubeData(path: string, pages: object[]): Promise<{ qMatrix: { qText: string }[][] }[]>;
  setProperties(props: object): Promise<void>;
}

export interface QixDoc {
  getAppLayout(): Promise<{ qTitle: string }>;
  getAllInfos(): Promise<{ qId: string; qType: string }[]>;
  getObject(id: string): Promise<QixGeneric>;
  getMeasure(id: string): Promise<QixGeneric>;
  createSessionObject(props: object): Promise<QixGeneric>;
  destroySessionObject(id: string): Promise<boolean>;
  getTablesAndKeys(w: object, n: object, h: number, synthetic: boolean, sysVars: boolean): Promise<{ qtr: unknown[]; qk: unknown[] }>;
  checkExpression(expr: string, labels?: string[]): Promise<{ qErrorMsg: string; qBadFieldNames: { qFrom: number; qCount: number }[] }>;
  getScript(): Promise<string>;
  evaluate(expr: string): Promise<string>;
}

export interface QixGlobal {
  engineVersion(): Promise<{ qComponentVersion: string }>;
  openDoc(id: string): Promise<QixDoc>;
}

export interface HyperCubeLayout extends Layout {
  qHyperCube: { qSize: { qcx: number; qcy: number }; qDimensionInfo: { qError?: unknown; qCardinal: number }[]; qMeasureInfo: unknown[]; qDataPages: unknown[] };
}
