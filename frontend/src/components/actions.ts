// The mutation layer: every action of the app is a TanStack mutation, and what follows one is
// decided here once. The query client's mutation cache (`mutationCache` in ./announce.tsx, kept
// there so that the home page's bundle does not carry this hook) says every failure in the status
// region, in the reader's language; `useAction` adds what the action's page knows: the sentence that says it worked, and where the keyboard focus goes next (the new
// comment, the next item, the message) instead of falling to the top of the page.
import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import type { MessageKey, Vars } from "../i18n";
import { announce, focusAfter, type ErrorWording, type FocusTarget } from "./announce";

type Said = MessageKey | { key: MessageKey; vars?: Vars } | { text: string };

/** `useMutation` with what follows a success: `done` (said in the status region) and `focus`
 *  (where the keyboard goes once the page shows the result; the refetch `onSuccess` awaits comes
 *  first). Both may depend on the result and the variables. */
export function useAction<TData, TVars = void>(
  options: UseMutationOptions<TData, unknown, TVars> & {
    done?: Said | ((data: TData, vars: TVars) => Said | null);
    /** An element's id, or a function of the result that names the target (an element, its id, or
     *  a function that finds it once shown). */
    focus?: string | ((data: TData, vars: TVars) => FocusTarget);
    wording?: ErrorWording;
  },
) {
  const { done, focus, wording, onSuccess, meta, ...rest } = options;
  return useMutation<TData, unknown, TVars>({
    ...rest,
    meta: { ...meta, wording: wording ?? meta?.wording },
    onSuccess: async (data, vars, ...more) => {
      await onSuccess?.(data, vars, ...more);
      const said = typeof done === "function" ? done(data, vars) : done;
      if (said) announce(said);
      const target = typeof focus === "function" ? focus(data, vars) : focus;
      if (target) void focusAfter(target);
    },
  });
}
