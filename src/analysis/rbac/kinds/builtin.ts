/**
 * Kubernetes' built-in APIs as of 1.33, plus API groups and kinds that were removed but that charts
 * still reference (extensions/v1beta1, policy/v1beta1 PodSecurityPolicy, settings.k8s.io). RBAC cares
 * only about the group and the resource, so all versions of a group share one entry.
 *
 * Format: a group line `<group> <preferred version>` (`core` is the "" group), then one indented line
 * per kind: `<Kind> <resource> <ns|cluster>`.
 */
export const BUILTIN_KINDS = `
core v1
  Binding bindings ns
  ComponentStatus componentstatuses cluster
  ConfigMap configmaps ns
  Endpoints endpoints ns
  Event events ns
  LimitRange limitranges ns
  Namespace namespaces cluster
  Node nodes cluster
  PersistentVolume persistentvolumes cluster
  PersistentVolumeClaim persistentvolumeclaims ns
  Pod pods ns
  PodTemplate podtemplates ns
  ReplicationController replicationcontrollers ns
  ResourceQuota resourcequotas ns
  Secret secrets ns
  Service services ns
  ServiceAccount serviceaccounts ns
admissionregistration.k8s.io v1
  MutatingAdmissionPolicy mutatingadmissionpolicies cluster
  MutatingAdmissionPolicyBinding mutatingadmissionpolicybindings cluster
  MutatingWebhookConfiguration mutatingwebhookconfigurations cluster
  ValidatingAdmissionPolicy validatingadmissionpolicies cluster
  ValidatingAdmissionPolicyBinding validatingadmissionpolicybindings cluster
  ValidatingWebhookConfiguration validatingwebhookconfigurations cluster
apiextensions.k8s.io v1
  CustomResourceDefinition customresourcedefinitions cluster
apiregistration.k8s.io v1
  APIService apiservices cluster
apps v1
  ControllerRevision controllerrevisions ns
  DaemonSet daemonsets ns
  Deployment deployments ns
  ReplicaSet replicasets ns
  StatefulSet statefulsets ns
authentication.k8s.io v1
  SelfSubjectReview selfsubjectreviews cluster
  TokenReview tokenreviews cluster
authorization.k8s.io v1
  LocalSubjectAccessReview localsubjectaccessreviews ns
  SelfSubjectAccessReview selfsubjectaccessreviews cluster
  SelfSubjectRulesReview selfsubjectrulesreviews cluster
  SubjectAccessReview subjectaccessreviews cluster
autoscaling v2
  HorizontalPodAutoscaler horizontalpodautoscalers ns
batch v1
  CronJob cronjobs ns
  Job jobs ns
certificates.k8s.io v1
  CertificateSigningRequest certificatesigningrequests cluster
  ClusterTrustBundle clustertrustbundles cluster
coordination.k8s.io v1
  Lease leases ns
  LeaseCandidate leasecandidates ns
discovery.k8s.io v1
  EndpointSlice endpointslices ns
events.k8s.io v1
  Event events ns
extensions v1beta1
  DaemonSet daemonsets ns
  Deployment deployments ns
  Ingress ingresses ns
  NetworkPolicy networkpolicies ns
  PodSecurityPolicy podsecuritypolicies cluster
  ReplicaSet replicasets ns
flowcontrol.apiserver.k8s.io v1
  FlowSchema flowschemas cluster
  PriorityLevelConfiguration prioritylevelconfigurations cluster
internal.apiserver.k8s.io v1alpha1
  StorageVersion storageversions cluster
networking.k8s.io v1
  IPAddress ipaddresses cluster
  Ingress ingresses ns
  IngressClass ingressclasses cluster
  NetworkPolicy networkpolicies ns
  ServiceCIDR servicecidrs cluster
node.k8s.io v1
  RuntimeClass runtimeclasses cluster
policy v1
  Eviction evictions ns
  PodDisruptionBudget poddisruptionbudgets ns
  PodSecurityPolicy podsecuritypolicies cluster
rbac.authorization.k8s.io v1
  ClusterRole clusterroles cluster
  ClusterRoleBinding clusterrolebindings cluster
  Role roles ns
  RoleBinding rolebindings ns
resource.k8s.io v1beta2
  DeviceClass deviceclasses cluster
  DeviceTaintRule devicetaintrules cluster
  ResourceClaim resourceclaims ns
  ResourceClaimTemplate resourceclaimtemplates ns
  ResourceSlice resourceslices cluster
scheduling.k8s.io v1
  PriorityClass priorityclasses cluster
settings.k8s.io v1alpha1
  PodPreset podpresets ns
storage.k8s.io v1
  CSIDriver csidrivers cluster
  CSINode csinodes cluster
  CSIStorageCapacity csistoragecapacities ns
  StorageClass storageclasses cluster
  VolumeAttachment volumeattachments cluster
  VolumeAttributesClass volumeattributesclasses cluster
storagemigration.k8s.io v1alpha1
  StorageVersionMigration storageversionmigrations cluster
`;
