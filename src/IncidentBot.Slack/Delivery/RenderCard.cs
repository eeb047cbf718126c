using IncidentBot.Core.Messages;
using IncidentBot.Slack.BlockKit;

namespace IncidentBot.Slack.Delivery;

/// <summary>Turns a surface-neutral card into a Slack message (Block Kit). Registered by <see cref="SlackDeliveryExtensions.AddSlackDelivery"/>.</summary>
public delegate SlackMessage RenderCard(Card card);
