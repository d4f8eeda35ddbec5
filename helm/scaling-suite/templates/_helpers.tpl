{{/* Chart name, truncated to 63 characters (DNS label limit) */}}
{{- define "scaling-suite.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: the release name, with the chart name unless the release already contains it */}}
{{- define "scaling-suite.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Chart name and version, for the helm.sh/chart label */}}
{{- define "scaling-suite.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* A component's full name: (dict "root" $ "component" "catalog") -> <fullname>-catalog */}}
{{- define "scaling-suite.componentFullname" -}}
{{- printf "%s-%s" (include "scaling-suite.fullname" .root | trunc 50 | trimSuffix "-") .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels: immutable, so only name, instance and component (never version or user labels) */}}
{{- define "scaling-suite.selectorLabels" -}}
app.kubernetes.io/name: {{ include "scaling-suite.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Common labels: selector labels plus chart, version, part-of and managed-by */}}
{{- define "scaling-suite.labels" -}}
helm.sh/chart: {{ include "scaling-suite.chart" .root }}
{{ include "scaling-suite.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: scaling-suite
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* The component's ServiceAccount name */}}
{{- define "scaling-suite.serviceAccountName" -}}
{{- $values := index .root.Values .component }}
{{- if $values.serviceAccount.create }}
{{- default (include "scaling-suite.componentFullname" .) $values.serviceAccount.name }}
{{- else }}
{{- default "default" $values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
An image reference from an image block (repository, tag) and the root context: global.imageRegistry/repository:tag, the
tag defaulting to the chart's appVersion. A repository whose first part is a registry host (it has a "." or ":", or is
localhost: Docker's own rule) is used as it is, so values written before global.imageRegistry existed keep working.
(dict "root" $ "image" $values.image)
*/}}
{{- define "scaling-suite.image" -}}
{{- $registry := .root.Values.global.imageRegistry | default "" }}
{{- $repository := .image.repository }}
{{- $first := splitList "/" $repository | first }}
{{- $ownRegistry := and (contains "/" $repository) (or (contains "." $first) (contains ":" $first) (eq "localhost" $first)) }}
{{- if and $registry (not $ownRegistry) }}
{{- printf "%s/%s:%s" (trimSuffix "/" $registry) $repository (.image.tag | default .root.Chart.AppVersion) }}
{{- else }}
{{- printf "%s:%s" $repository (.image.tag | default .root.Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/* The component's API port (quarkus.http.port in its application.properties) */}}
{{- define "scaling-suite.httpPort" -}}
{{- get (dict "catalog" 8081 "aggregation" 8082 "gateway" 8080) .component }}
{{- end }}

{{/* The management port of every component (quarkus.management.port): health, metrics, OpenAPI */}}
{{- define "scaling-suite.managementPort" -}}
9000
{{- end }}

{{/* In-cluster address host:port of a component's API Service */}}
{{- define "scaling-suite.upstream" -}}
{{- $values := index .root.Values .component }}
{{- printf "%s:%v" (include "scaling-suite.componentFullname" .) $values.service.port }}
{{- end }}

{{/* The component's ConfigMap data: environment variables named as Quarkus maps them from application.properties */}}
{{- define "scaling-suite.configData" -}}
{{- $root := .root }}
{{- if ne .component "gateway" }}
QUARKUS_DATASOURCE_JDBC_URL: {{ $root.Values.global.postgresql.url | quote }}
{{- end }}
QUARKUS_REDIS_HOSTS: {{ $root.Values.global.redis.hosts | quote }}
{{- if ne $root.Values.global.redis.clientType "standalone" }}
QUARKUS_REDIS_CLIENT_TYPE: {{ $root.Values.global.redis.clientType | quote }}
{{- end }}
{{- with $root.Values.global.redis.masterName }}
QUARKUS_REDIS_MASTER_NAME: {{ . | quote }}
{{- end }}
{{- if eq .component "catalog" }}
{{- range $root.Values.catalog.shards }}
{{- $key := upper .name }}
{{- with .url }}
CATALOG_SHARDS_{{ $key }}_URL: {{ . | quote }}
{{- end }}
CATALOG_SHARDS_{{ $key }}_POOL_SIZE: {{ .poolSize | default 16 | quote }}
{{- with .replicas }}
CATALOG_SHARDS_{{ $key }}_REPLICAS: {{ join "," . | quote }}
{{- end }}
{{- end }}
{{- with $root.Values.catalog.replicaMaxLag }}
CATALOG_REPLICAS_MAX_LAG: {{ . | quote }}
{{- end }}
{{- with $root.Values.catalog.outboxRetention }}
CATALOG_OUTBOX_RETENTION: {{ . | quote }}
{{- end }}
{{- end }}
{{- if eq .component "aggregation" }}
AGGREGATION_CATALOG_URL: {{ printf "http://%s" (include "scaling-suite.upstream" (dict "root" $root "component" "catalog")) | quote }}
{{- $stream := $root.Values.aggregation.stream | default dict }}
{{- range $key, $env := dict "consumers" "CONSUMERS" "maxDeliveries" "MAX_DELIVERIES" "retryBackoffMax" "RETRY_BACKOFF_MAX" "deadLetterMaxLength" "DEAD_LETTER_MAX_LENGTH" "appliedRetention" "APPLIED_RETENTION" "parkedRetention" "PARKED_RETENTION" "consumerIdleLimit" "CONSUMER_IDLE_LIMIT" "housekeepingInterval" "HOUSEKEEPING_INTERVAL" }}
{{- with index $stream $key }}
AGGREGATION_STREAM_{{ $env }}: {{ . | toString | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- if eq .component "gateway" }}
{{- $nearBytes := $root.Values.gateway.nearCacheMaxBytes }}
{{- /* a number from a values file arrives as a float, which would print as 6.7108864e+07 */}}
GATEWAY_CACHE_NEAR_MAX_BYTES: {{ if kindIs "string" $nearBytes }}{{ $nearBytes | quote }}{{ else }}{{ int64 $nearBytes | quote }}{{ end }}
GATEWAY_FORWARDED_TRUSTED_PROXIES: {{ join "," $root.Values.gateway.trustedProxies | quote }}
GATEWAY_READ_YOUR_WRITES_TTL: {{ $root.Values.gateway.readYourWritesTtl | quote }}
GATEWAY_ROUTES_CATALOG_UPSTREAMS: {{ include "scaling-suite.upstream" (dict "root" $root "component" "catalog") | quote }}
GATEWAY_ROUTES_VIEWS_UPSTREAMS: {{ include "scaling-suite.upstream" (dict "root" $root "component" "aggregation") | quote }}
GATEWAY_ROUTES_CATALOG_OPENAPI: {{ printf "http://%s-management:9000/q/openapi?format=json" (include "scaling-suite.componentFullname" (dict "root" $root "component" "catalog")) | quote }}
GATEWAY_ROUTES_VIEWS_OPENAPI: {{ printf "http://%s-management:9000/q/openapi?format=json" (include "scaling-suite.componentFullname" (dict "root" $root "component" "aggregation")) | quote }}
{{- end }}
{{- include "scaling-suite.sharedNames" . }}
{{- include "scaling-suite.tracing" . }}
{{- $logs := (.root.Values.observability | default dict).logs | default dict }}
QUARKUS_LOG_CONSOLE_JSON_ENABLED: {{ if eq (toString $logs.json) "false" }}"false"{{ else }}"true"{{ end }}
{{- end }}

{{/*
Tracing (observability.tracing, docs/tracing.md): the same settings for every component, rendered only when on (the
services keep the OpenTelemetry SDK off by default). The service name is each service's own (quarkus.application.name).
*/}}
{{- define "scaling-suite.tracing" -}}
{{- $tracing := (.root.Values.observability | default dict).tracing | default dict }}
{{- if $tracing.enabled }}
QUARKUS_OTEL_SDK_DISABLED: "false"
QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: {{ required "observability.tracing.endpoint is required when tracing is enabled" $tracing.endpoint | quote }}
QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: {{ $tracing.protocol | default "grpc" | quote }}
QUARKUS_OTEL_TRACES_SAMPLER_ARG: {{ $tracing.samplerRatio | toString | quote }}
{{- end }}
{{- end }}

{{/*
Names the components must agree on, each from one value under global (never a per-component one): the change stream
catalog writes and aggregation reads, and the purge channel catalog and aggregation publish on and the gateway hears.
Each component gets the variable its own application.properties reads the name from.
*/}}
{{- define "scaling-suite.sharedNames" -}}
{{- $global := .root.Values.global }}
{{- if eq .component "catalog" }}
CATALOG_OUTBOX_STREAM_KEY: {{ $global.events.streamKey | quote }}
CATALOG_CACHE_PURGE_CHANNEL: {{ $global.cache.purgeChannel | quote }}
{{- else if eq .component "aggregation" }}
AGGREGATION_STREAM_KEY: {{ $global.events.streamKey | quote }}
AGGREGATION_HTTP_PURGE_CHANNEL: {{ $global.cache.purgeChannel | quote }}
{{- else if eq .component "gateway" }}
GATEWAY_CACHE_PURGE_CHANNEL: {{ $global.cache.purgeChannel | quote }}
{{- end }}
{{- end }}

{{/* The Secret holding SUITE_INTERNAL_AUTH_KEYS: global.internalAuth.existingSecret, else the one the chart makes */}}
{{- define "scaling-suite.internalAuthSecretName" -}}
{{- .Values.global.internalAuth.existingSecret | default (printf "%s-internal-auth" (include "scaling-suite.fullname" . | trunc 49 | trimSuffix "-")) }}
{{- end }}

{{/* The components this chart deploys, in order */}}
{{- define "scaling-suite.components" -}}
- catalog
- aggregation
- gateway
{{- end }}

{{/* "true" when the component scales with a KEDA ScaledObject instead of the HPA (aggregation only), else empty */}}
{{- define "scaling-suite.kedaEnabled" -}}
{{- $values := index .root.Values .component }}
{{- if and (eq .component "aggregation") $values.keda $values.keda.enabled }}true{{ end }}
{{- end }}

{{/* Whether something autoscales the component (HPA or KEDA): then its Deployment has no replicas field */}}
{{- define "scaling-suite.autoscaled" -}}
{{- $values := index .root.Values .component }}
{{- if or $values.autoscaling.enabled (include "scaling-suite.kedaEnabled" .) }}true{{ end }}
{{- end }}

{{/* Redis host:port list for KEDA: aggregation.keda.address, else global.redis.hosts without scheme, user and database */}}
{{- define "scaling-suite.kedaRedisAddresses" -}}
{{- $keda := .Values.aggregation.keda }}
{{- if $keda.address }}
{{- $keda.address }}
{{- else }}
{{- $addresses := list }}
{{- range $host := splitList "," .Values.global.redis.hosts }}
{{- $addresses = append $addresses (regexReplaceAll "^rediss?://([^@/]*@)?([^/?]+).*$" (trim $host) "${2}") }}
{{- end }}
{{- join "," $addresses }}
{{- end }}
{{- end }}
