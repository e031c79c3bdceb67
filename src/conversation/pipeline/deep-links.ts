// Deep links (`/start <payload>`): `svc_<service id>` opens a service's card, `mun_<municipality id>` sets where the
// resident lives, `simple` turns simple mode on; where they lead is main.yaml's `entry_points`.
import { declared, entryPoints, goTo, home, resetPath, type TurnStage } from './walk.js';

export const deepLinks: TurnStage = async (turn, next) => {
  if (turn.event.type !== 'start') return next();
  const { payload } = turn.event;
  // A link an operator hands out to elderly residents: simple mode from the first message.
  if (payload === 'simple') turn.profile.simpleMode = true;
  const municipality = payload?.match(/^mun_([a-z0-9-]+)$/)?.[1];
  if (municipality) turn.session.data.answers[declared(entryPoints(turn).residenceAnswer, 'answers.residence', 'municipality links')] = municipality;
  const service = payload?.match(/^svc_([a-z0-9-]+)$/)?.[1];
  if (!service) return home(turn, true);
  turn.session.data.serviceId = service;
  resetPath(turn);
  return goTo(turn, declared(entryPoints(turn).deepLink, 'entry_points.deep_link', 'service links'), turn.ctx.flows.home.flow, 0);
};
