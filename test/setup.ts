// Tests never reach AWS or read the developer's AWS config.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_CONFIG_FILE = '/nonexistent/eum-test-aws-config';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/eum-test-aws-credentials';
delete process.env.AWS_PROFILE;
delete process.env.AWS_ENDPOINT_URL;
delete process.env.AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2;

// Every test file removes the temporary directories it made (test/helpers/temp.ts), last.
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/temp.js';

afterAll(removeTempDirs);
