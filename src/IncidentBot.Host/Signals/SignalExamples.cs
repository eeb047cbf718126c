namespace IncidentBot.Host.Signals;

/// <summary>Example bodies of the signal routes, for the OpenAPI document.</summary>
internal static class SignalExamples
{
    /// <summary>A firing Alertmanager group of one alert (webhook payload version 4).</summary>
    public const string Alertmanager =
        """
        {
          "version": "4",
          "groupKey": "{}:{alertname=\"AssistantQualityDrop\", service=\"support-assistant\"}",
          "truncatedAlerts": 0,
          "status": "firing",
          "receiver": "incidentbot",
          "groupLabels": { "alertname": "AssistantQualityDrop", "service": "support-assistant" },
          "commonLabels": { "alertname": "AssistantQualityDrop", "service": "support-assistant", "severity": "critical" },
          "commonAnnotations": { "summary": "Bad answer ratio above 20% for 10 minutes" },
          "externalURL": "http://alertmanager.example.org:9093",
          "alerts": [
            {
              "status": "firing",
              "labels": { "alertname": "AssistantQualityDrop", "service": "support-assistant", "severity": "critical", "instance": "assistant-1" },
              "annotations": { "summary": "Bad answer ratio above 20% for 10 minutes" },
              "startsAt": "2026-11-22T03:40:00Z",
              "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "http://prometheus.example.org:9090/graph?g0.expr=assistant_bad_answer_ratio+%3E+0.2",
              "fingerprint": "4a1c2b3d5e6f7081"
            }
          ]
        }
        """;

    /// <summary>A firing generic signal.</summary>
    public const string Generic =
        """
        {
          "source": "grafana",
          "key": "checkout-5xx",
          "status": "firing",
          "title": "5xx above 5% on /checkout",
          "service": "checkout-api",
          "severity": "high",
          "labels": { "alertname": "HighErrorRate", "service": "checkout-api" },
          "startsAt": "2026-11-22T03:40:00Z",
          "link": "https://grafana.example.org/d/checkout"
        }
        """;
}
