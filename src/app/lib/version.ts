// The app version, stamped into exports and run records so old files can be recognised.
import { version } from '../../../package.json';

export const APP_VERSION: string = version;
