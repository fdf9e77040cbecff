/**
 * zod/mini ships without messages ("Invalid input"). The widget keeps it that
 * way for size; the server loads the English ones, because its 400 answers
 * and config errors are read by developers.
 */
import { en } from 'zod/locales';
import { z } from '../protocol/zod-setup';

z.config(en());

export { z };
