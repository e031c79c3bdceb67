// The discovery step kinds: find a service by theme or in the resident's words, and read its card.
import { pick_category } from './discovery/pick-category.js';
import { search_text } from './discovery/search-text.js';
import { service_card } from './discovery/service-card-step.js';
import { service_list } from './discovery/service-list.js';

export const discoveryKinds = { pick_category, search_text, service_list, service_card };
