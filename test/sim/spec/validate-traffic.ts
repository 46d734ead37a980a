// Spec self-test: every answer in recorded engine traffic is validated against the OpenRPC
// result schema of its method. Works on non-delta traffic (delta answers are patches).
import { engineSpec } from './openrpc';

interface Frame {
  id?: number;
  method?: string;
  handle?: number;
  result?: Record<string, unknown>;
  delta?: boolean;
}

/** Problems found, one line per bad answer (`Type.Method: /path message`); empty when all conform. */
export function validateTraffic(sent: string[], received: string[]): string[] {
  const spec = engineSpec();
  const requests = new Map<number, Frame>();
  for (const frame of sent) {
    const request = JSON.parse(frame) as Frame;
    if (typeof request.id === 'number') requests.set(request.id, request);
  }
  const handleTypes = new Map<number, string>([[-1, 'Global']]);
  const problems: string[] = [];
  for (const frame of received) {
    const answer = JSON.parse(frame) as Frame;
    if (answer.id === undefined || !answer.result) continue;
    if (answer.delta) {
      problems.push(`answer ${answer.id} is a delta answer: validate non-delta traffic`);
      continue;
    }
    const request = requests.get(answer.id);
    if (!request?.method || request.handle === undefined) continue;
    const type = handleTypes.get(request.handle) ?? 'unknown';
    const qReturn = answer.result.qReturn as { qType?: unknown; qHandle?: unknown } | undefined;
    if (typeof qReturn?.qHandle === 'number' && typeof qReturn.qType === 'string') handleTypes.set(qReturn.qHandle, qReturn.qType);
    const problem = spec.validateResult(type, request.method, answer.result);
    if (problem) problems.push(`${type}.${request.method}: ${problem}`);
  }
  return problems;
}
