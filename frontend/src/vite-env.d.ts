/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The accessibility statement's contact address (default accessibilite@opendetat.fr). */
  readonly VITE_ACCESSIBILITY_CONTACT?: string;
}
