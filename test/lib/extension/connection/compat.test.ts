// The connection plugs into the snapshot helper's engine session and REST client as is: this file
// fails the typecheck (npm run typecheck) if the shapes drift apart.
import { expect, it } from 'vitest';
import type { QlikConnection } from '../../../../lib/extension/connection/connect';
import type { CreateSocket } from '../../../../lib/qlik/engine/types';
import type { FetchLike as RestFetch } from '../../../../lib/qlik/rest/client';

type Fits = [QlikConnection['createSocket'] extends CreateSocket ? true : false, QlikConnection['fetch'] extends RestFetch ? true : false];

it('createSocket and fetch fit openEngineSession and createRestClient', () => {
  const fits: Fits = [true, true];
  expect(fits).toEqual([true, true]);
});
