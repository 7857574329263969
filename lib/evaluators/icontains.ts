import { containsDefinition } from './contains';

/** `contains`, ignoring case unless `ignoreCase: false`. */
export const icontainsEvaluator = containsDefinition('icontains');
