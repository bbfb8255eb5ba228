/** The demo member (demo mode's member token is theirs): the cart, membership and ordering demos seed their data. */
export const DEMO_MEMBER_ID = 'demo-member';
