// Every lazy provider, registered up front: simulate.ts imports this file, so in Node (the CLI, the
// tests, the benchmark, the build-time precompute) every package is there. The app's build replaces
// it with an empty module (vite.config.ts, lazyProviders) and loads a heavy provider with its first
// scenario instead (src/store/providers.ts).
import { registerProviders } from './index';
import { SCHANNEL_PROVIDER } from './schannel/provider';
import { CREDSSP_PROVIDER } from './credssp/provider';
import { PKU2U_PROVIDER } from './pku2u/provider';

registerProviders([SCHANNEL_PROVIDER, CREDSSP_PROVIDER, PKU2U_PROVIDER]);
