// The provider page's strings are the `provider` part of the training dictionary (training sessions name their
// provider with the same words); re-exported so the i18n check finds this module's dictionary where it looks.
export { TEXTS } from '../training/text';
