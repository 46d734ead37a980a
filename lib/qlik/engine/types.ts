// The subset of the enigma.js-generated QIX API that Qlarity calls. enigma.js builds these methods
// at run time from enigma.js/schemas/12.2027.0.json (cut to the allow-list: read-only-schema.ts); answers are `unknown` here on purpose and are
// parsed with zod where they are used (lib/collect).

export interface NxPage {
  qLeft: number;
  qTop: number;
  qWidth: number;
  qHeight: number;
}

export interface QixGenericObject {
  id: string;
  getLayout(): Promise<unknown>;
  getProperties(): Promise<unknown>;
  getFullPropertyTree(): Promise<unknown>;
  getHyperCubeData(path: string, pages: NxPage[]): Promise<unknown>;
  getHyperCubePivotData(path: string, pages: NxPage[]): Promise<unknown>;
}

export interface QixBookmark {
  id: string;
  getLayout(): Promise<unknown>;
  getProperties(): Promise<unknown>;
}

export interface QixDoc {
  getAppLayout(): Promise<unknown>;
  getAppProperties(): Promise<unknown>;
  createSessionObject(props: Record<string, unknown>): Promise<QixGenericObject>;
  destroySessionObject(id: string): Promise<unknown>;
  /** enigma.js answers with the single out-param, `qList` */
  getObjects(options: { qTypes: string[]; qIncludeSessionObjects?: boolean; qData?: Record<string, string> }): Promise<unknown>;
  getObject(id: string): Promise<QixGenericObject>;
  getBookmark(id: string): Promise<QixBookmark>;
  getTablesAndKeys(
    windowSize: { qcx: number; qcy: number },
    nullSize: { qcx: number; qcy: number },
    cellHeight: number,
    syntheticMode: boolean,
    includeSysVars: boolean,
  ): Promise<unknown>;
  checkExpression(expr: string, labels?: string[]): Promise<unknown>;
  /** read-only: evaluates in our own session, e.g. a calculated variable's value */
  evaluateEx(expression: string): Promise<unknown>;
  getFieldsFromExpression(expr: string): Promise<unknown>;
  getScript(): Promise<unknown>;
  checkScriptSyntax(): Promise<unknown>;
  getSetAnalysis(stateName: string, bookmarkId: string): Promise<unknown>;
}

export interface QixGlobal {
  openDoc(appId: string, user?: string, password?: string, serial?: string, noData?: boolean): Promise<QixDoc>;
  engineVersion(): Promise<unknown>;
}

/** The WebSocket surface enigma.js uses: browser WebSocket, Node `ws`, or the in-tab bridge. */
export interface WebSocketLike {
  readonly readyState: number;
  /** enigma.js compares `readyState === socket.OPEN` (1) before every send */
  readonly OPEN: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** `headers`: handshake headers for transports that can set them (Node `ws`); browsers cannot and ignore them. */
export type CreateSocket = (url: string, headers?: Record<string, string>) => WebSocketLike;
