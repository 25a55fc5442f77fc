// (d) Every entry point's types resolve through `exports`, as TypeScript's NodeNext resolution reads them.
import { fakeEnvironment, KNOWN_ERRORS, MockController, scenarios, type ScenarioName } from 'matrix-mock-homeserver';
import { startBrowserMock, type BrowserMockOptions } from 'matrix-mock-homeserver/browser';
import { createHandlers } from 'matrix-mock-homeserver/msw';
import { createNodeMock, listen, type RunningMock } from 'matrix-mock-homeserver/node';
import type { MockHomeserverFixture } from 'matrix-mock-homeserver/playwright';
import { listen as listenWithoutMsw } from 'matrix-mock-homeserver/server';

const name: ScenarioName = 'token';
const options: BrowserMockOptions = { scenario: name, persist: false };
export const checks: unknown[] = [fakeEnvironment(), KNOWN_ERRORS, MockController.create, scenarios, options];
export const entries = [startBrowserMock, createHandlers, createNodeMock, listen, listenWithoutMsw];
export type Types = [RunningMock, MockHomeserverFixture];
