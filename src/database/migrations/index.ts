import { Initial1795976344873 } from './1795976344873-Initial.js';

// Migrations in the order they run. Add each new generated migration here; never edit a committed one.
export const MIGRATIONS = [Initial1795976344873];
