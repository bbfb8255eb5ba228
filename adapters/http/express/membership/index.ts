// The membership context over HTTP: its routes (members' own profile, addresses, history, sign-in and points; staff rules, levels, manual changes and RFM).
export { membershipRoutes } from './routes.js';
