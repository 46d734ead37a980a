export { createEngineSession } from './session';
export { EngineError } from './protocol';
