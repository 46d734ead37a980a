// zod for every schema of the project: the functional API of `zod/mini` (the same checks and
// parsing as the classic API, tree-shakable: an extension bundle carries only the schemas it uses,
// about a quarter of the classic API's code) with zod's English messages, which the classic API
// sets up on import and the mini one leaves out (the users read them in import and collection errors).
import { en } from 'zod/locales';
import { z } from 'zod/mini';

z.config(en());

export { z };
