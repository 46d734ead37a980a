// A Qlik JSON object whose keys are kept as they are: an engine answer, a REST body's part, an
// object's properties in the snapshot. Whatever is read of it is read with a schema of its own.
import { z } from './zod';

export const QlikObject = z.looseObject({});
export type QlikObject = z.infer<typeof QlikObject>;
