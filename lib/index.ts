// The npm package's entry point: the construct, the deployable stacks and their props.
export {
  BedrockLifecycleMonitor,
  type BedrockLifecycleMonitorProps,
  type ModelPriceProps,
  type RouteProps,
} from './bedrock-lifecycle-monitor';
export { MonitorStack, type MonitorStackProps } from './monitor-stack';
export { UsageReaderStack, type UsageReaderStackProps } from './usage-reader-stack';
