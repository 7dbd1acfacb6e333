// A synthetic chart of a given size, for the scaling benchmark: `templates` template files (Deployments,
// Services and ConfigMaps that read their own block of values through helpers, `if`, `with` and `range`)
// and a values.yaml of about `valuesLines` lines (one commented block per component).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KINDS = ['deployment', 'service', 'configmap'];

function helpers() {
  return `{{- define "synthetic.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "synthetic.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
`;
}

function template(i) {
  const c = `c${i}`;
  const head = `{{- if .Values.${c}.enabled }}\n`;
  const meta = `metadata:
  name: {{ include "synthetic.fullname" . }}-${c}
  labels:
    {{- include "synthetic.labels" . | nindent 4 }}
`;
  switch (KINDS[i % KINDS.length]) {
    case 'deployment':
      return `${head}apiVersion: apps/v1
kind: Deployment
${meta}spec:
  replicas: {{ .Values.${c}.replicas }}
  selector:
    matchLabels:
      app: ${c}
  template:
    metadata:
      labels:
        app: ${c}
    spec:
      containers:
        - name: main
          image: "{{ .Values.${c}.image.repository }}:{{ .Values.${c}.image.tag }}"
          {{- with .Values.${c}.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          env:
            {{- range $k, $v := .Values.${c}.env }}
            - name: {{ $k }}
              value: {{ $v | quote }}
            {{- end }}
{{- end }}
`;
    case 'service':
      return `${head}apiVersion: v1
kind: Service
${meta}spec:
  type: {{ .Values.${c}.service.type }}
  ports:
    - port: {{ .Values.${c}.service.port }}
      targetPort: http
  selector:
    app: ${c}
{{- end }}
`;
    default:
      return `${head}apiVersion: v1
kind: ConfigMap
${meta}data:
  {{- range $k, $v := .Values.${c}.env }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
{{- end }}
`;
  }
}

/** One component's values: 25 lines. */
function valuesBlock(i) {
  const c = `c${i}`;
  return `# -- Component ${i}: a workload with its own image, service and settings.
${c}:
  # -- Deploy component ${i}.
  enabled: true
  # -- Number of pods.
  replicas: ${1 + (i % 3)}
  image:
    # -- Image repository.
    repository: registry.example.com/team/${c}
    # -- Image tag.
    tag: "v1.${i % 100}.0"
  service:
    # -- Service type.
    type: ClusterIP
    # -- Service port.
    port: ${8000 + (i % 1000)}
  resources:
    limits:
      cpu: 500m
      memory: 256Mi
  env:
    LOG_LEVEL: info
    FEATURE_${i % 10}: "on"
    ENDPOINT: http://${c}.example.svc:8080
    RETRIES: "3"
`;
}

/** Writes the chart under dir and returns its path. */
export function writeSyntheticChart(dir, { templates, valuesLines }) {
  const chart = join(dir, `synthetic-${templates}`);
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: synthetic\ndescription: A synthetic chart for benchmarks\ntype: application\nversion: 0.1.0\nappVersion: "1.0.0"\n`);
  writeFileSync(join(chart, 'templates', '_helpers.tpl'), helpers());
  for (let i = 0; i < templates; i++) writeFileSync(join(chart, 'templates', `${KINDS[i % KINDS.length]}-${String(i).padStart(4, '0')}.yaml`), template(i));
  const blocks = Math.max(1, Math.round(valuesLines / 25));
  const parts = ['# Synthetic values: one block per component.\n'];
  for (let i = 0; i < blocks; i++) parts.push(valuesBlock(i));
  writeFileSync(join(chart, 'values.yaml'), parts.join(''));
  return chart;
}
