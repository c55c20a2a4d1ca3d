/** The stack name the app deploys under unless `-c stackName=…` says otherwise; tools look it up by it. */
export const DEFAULT_STACK_NAME = 'BedrockLifecycleMonitor';
