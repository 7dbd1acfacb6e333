/**
 * Custom resource kinds that charts commonly create without defining them (the CRDs come from an
 * operator installed separately): Prometheus operator, cert-manager, Gateway API, VPA, KEDA, Istio,
 * Traefik, Argo, Grafana operator, Cilium, external-secrets, Flux, OpenShift, GKE and others. Same
 * format as builtin.ts. A chart's own CRDs are read from the chart and take precedence.
 */
export const COMMON_CRD_KINDS = `
acme.cert-manager.io v1
  Challenge challenges ns
  Order orders ns
argoproj.io v1alpha1
  AnalysisRun analysisruns ns
  AnalysisTemplate analysistemplates ns
  AppProject appprojects ns
  Application applications ns
  ApplicationSet applicationsets ns
  ClusterAnalysisTemplate clusteranalysistemplates cluster
  ClusterWorkflowTemplate clusterworkflowtemplates cluster
  CronWorkflow cronworkflows ns
  EventBus eventbus ns
  EventSource eventsources ns
  Experiment experiments ns
  Rollout rollouts ns
  Sensor sensors ns
  Workflow workflows ns
  WorkflowTemplate workflowtemplates ns
autoscaling.k8s.io v1
  VerticalPodAutoscaler verticalpodautoscalers ns
  VerticalPodAutoscalerCheckpoint verticalpodautoscalercheckpoints ns
cert-manager.io v1
  Certificate certificates ns
  CertificateRequest certificaterequests ns
  ClusterIssuer clusterissuers cluster
  Issuer issuers ns
cilium.io v2
  CiliumClusterwideNetworkPolicy ciliumclusterwidenetworkpolicies cluster
  CiliumNetworkPolicy ciliumnetworkpolicies ns
cloud.google.com v1
  BackendConfig backendconfigs ns
eventing.keda.sh v1alpha1
  CloudEventSource cloudeventsources ns
  ClusterCloudEventSource clustercloudeventsources cluster
external-secrets.io v1
  ClusterExternalSecret clusterexternalsecrets cluster
  ClusterSecretStore clustersecretstores cluster
  ExternalSecret externalsecrets ns
  SecretStore secretstores ns
gateway.networking.k8s.io v1
  BackendLBPolicy backendlbpolicies ns
  BackendTLSPolicy backendtlspolicies ns
  GRPCRoute grpcroutes ns
  Gateway gateways ns
  GatewayClass gatewayclasses cluster
  HTTPRoute httproutes ns
  ListenerSet listenersets ns
  ReferenceGrant referencegrants ns
  TCPRoute tcproutes ns
  TLSRoute tlsroutes ns
  UDPRoute udproutes ns
gateway.networking.x-k8s.io v1alpha1
  XBackendTrafficPolicy xbackendtrafficpolicies ns
  XListenerSet xlistenersets ns
grafana.integreatly.org v1beta1
  Grafana grafanas ns
  GrafanaAlertRuleGroup grafanaalertrulegroups ns
  GrafanaContactPoint grafanacontactpoints ns
  GrafanaDashboard grafanadashboards ns
  GrafanaDatasource grafanadatasources ns
  GrafanaFolder grafanafolders ns
  GrafanaNotificationPolicy grafananotificationpolicies ns
helm.toolkit.fluxcd.io v2
  HelmRelease helmreleases ns
keda.sh v1alpha1
  ClusterTriggerAuthentication clustertriggerauthentications cluster
  ScaledJob scaledjobs ns
  ScaledObject scaledobjects ns
  TriggerAuthentication triggerauthentications ns
kustomize.toolkit.fluxcd.io v1
  Kustomization kustomizations ns
kyverno.io v1
  ClusterPolicy clusterpolicies cluster
  Policy policies ns
monitoring.coreos.com v1
  Alertmanager alertmanagers ns
  AlertmanagerConfig alertmanagerconfigs ns
  PodMonitor podmonitors ns
  Probe probes ns
  Prometheus prometheuses ns
  PrometheusAgent prometheusagents ns
  PrometheusRule prometheusrules ns
  ScrapeConfig scrapeconfigs ns
  ServiceMonitor servicemonitors ns
  ThanosRuler thanosrulers ns
networking.gke.io v1
  FrontendConfig frontendconfigs ns
  ManagedCertificate managedcertificates ns
networking.istio.io v1
  DestinationRule destinationrules ns
  EnvoyFilter envoyfilters ns
  Gateway gateways ns
  ProxyConfig proxyconfigs ns
  ServiceEntry serviceentries ns
  Sidecar sidecars ns
  VirtualService virtualservices ns
  WorkloadEntry workloadentries ns
  WorkloadGroup workloadgroups ns
opentelemetry.io v1beta1
  Instrumentation instrumentations ns
  OpAMPBridge opampbridges ns
  OpenTelemetryCollector opentelemetrycollectors ns
  TargetAllocator targetallocators ns
route.openshift.io v1
  Route routes ns
secrets-store.csi.x-k8s.io v1
  SecretProviderClass secretproviderclasses ns
security.istio.io v1
  AuthorizationPolicy authorizationpolicies ns
  PeerAuthentication peerauthentications ns
  RequestAuthentication requestauthentications ns
security.openshift.io v1
  SecurityContextConstraints securitycontextconstraints cluster
snapshot.storage.k8s.io v1
  VolumeSnapshot volumesnapshots ns
  VolumeSnapshotClass volumesnapshotclasses cluster
  VolumeSnapshotContent volumesnapshotcontents cluster
source.toolkit.fluxcd.io v1
  GitRepository gitrepositories ns
  HelmChart helmcharts ns
  HelmRepository helmrepositories ns
  OCIRepository ocirepositories ns
telemetry.istio.io v1
  Telemetry telemetries ns
traefik.containo.us v1alpha1
  IngressRoute ingressroutes ns
  IngressRouteTCP ingressroutetcps ns
  IngressRouteUDP ingressrouteudps ns
  Middleware middlewares ns
  MiddlewareTCP middlewaretcps ns
  ServersTransport serverstransports ns
  TLSOption tlsoptions ns
  TLSStore tlsstores ns
  TraefikService traefikservices ns
traefik.io v1alpha1
  IngressRoute ingressroutes ns
  IngressRouteTCP ingressroutetcps ns
  IngressRouteUDP ingressrouteudps ns
  Middleware middlewares ns
  MiddlewareTCP middlewaretcps ns
  ServersTransport serverstransports ns
  ServersTransportTCP serverstransporttcps ns
  TLSOption tlsoptions ns
  TLSStore tlsstores ns
  TraefikService traefikservices ns
`;
