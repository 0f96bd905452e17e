// The account: signing up and in, the profile, and the pages the mailed links open.
import { page, type ResourceRoutes } from "../../app/routing";

export const paths = {
  signIn: () => "/connexion",
  signUp: () => "/inscription",
  account: (anchor?: string) => "/compte" + (anchor ? `#${anchor}` : ""),
  verifyEmail: () => "/verification",
  forgotPassword: () => "/mot-de-passe-oublie",
  resetPassword: () => "/mot-de-passe",
  myWebhooks: () => "/compte/webhooks",
};

export const routes: ResourceRoutes = {
  pages: [
    { path: "/connexion", page: page(() => import("./SignInPage")) },
    { path: "/inscription", page: page(() => import("./SignUpPage")) },
    { path: "/compte", page: page(() => import("./ProfilePage")) },
    { path: "/compte/webhooks", page: page(() => import("../webhooks/MyWebhooksPage")) },
    { path: "/compte/webhooks/:id", page: page(() => import("../webhooks/MyWebhookPage")) },
    { path: "/verification", page: page(() => import("./VerifyEmailPage")) },
    { path: "/mot-de-passe-oublie", page: page(() => import("./ForgotPasswordPage")) },
    { path: "/mot-de-passe", page: page(() => import("./ResetPasswordPage")) },
  ],
};
