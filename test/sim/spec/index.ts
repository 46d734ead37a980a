export { engineSpec, type EngineSpec } from './openrpc';
export { validateTraffic } from './validate-traffic';
export { MemorySocket } from './memory-socket';
