// After a run failed with "not signed in": the tenant's own login, after which the run starts again.
import type { TabModel } from './models/tab-model';

export function LogInCard({ model }: { model: Pick<TabModel, 'canLogIn' | 'app' | 'logIn'> }) {
  if (!model.canLogIn.value) return null;
  return (
    <section class="card" aria-label="Sign in" data-testid="login">
      <p>
        Qlarity uses your Qlik sign-in. Log in on <bdi dir="auto">{model.app.value?.host}</bdi>'s own page; the analysis then starts again by itself.
      </p>
      <button class="primary" onClick={() => void model.logIn()}>
        Log in
      </button>
    </section>
  );
}
