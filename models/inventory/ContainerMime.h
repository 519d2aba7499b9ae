// The drag payload for tubes (DESIGN §5): an app-private MIME type carrying ids, where each tube
// was, and the anchor (the cell the drag started from), so a drop can keep the tubes' layout.
// Plain text with the names rides along for other applications.
#pragma once

#include <QList>
#include <QString>

class QMimeData;

namespace benchtop::models {

inline constexpr char kContainerMimeType[] = "application/x-benchtop-containers";

struct DraggedContainer
{
    QString id;
    QString storageId; // the box, plate or location it came from
    QString position;  // "B3", or empty when unpositioned
};

struct ContainerPayload
{
    QList<DraggedContainer> containers;
    QString anchor; // the position the drag started at ("B3"); empty for a list drag
    bool isEmpty() const { return containers.isEmpty(); }
};

// A new QMimeData (the caller owns it) with the payload and a plain-text line per name.
QMimeData *encodeContainers(const ContainerPayload &payload, const QStringList &names = {});
// The payload, or an empty one when `data` carries none (or a malformed one).
ContainerPayload decodeContainers(const QMimeData *data);

} // namespace benchtop::models
