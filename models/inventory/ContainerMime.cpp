#include "ContainerMime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

using namespace Qt::StringLiterals;

namespace benchtop::models {

QMimeData *encodeContainers(const ContainerPayload &payload, const QStringList &names)
{
    QJsonArray items;
    for (const DraggedContainer &c : payload.containers)
        items.append(QJsonObject{
            {u"id"_s, c.id}, {u"storageId"_s, c.storageId}, {u"position"_s, c.position}});
    auto *data = new QMimeData;
    data->setData(
        QString::fromLatin1(kContainerMimeType),
        QJsonDocument(QJsonObject{{u"anchor"_s, payload.anchor}, {u"containers"_s, items}})
            .toJson(QJsonDocument::Compact));
    if (!names.isEmpty())
        data->setText(names.join(u'\n'));
    return data;
}

ContainerPayload decodeContainers(const QMimeData *data)
{
    ContainerPayload payload;
    if (!data || !data->hasFormat(QString::fromLatin1(kContainerMimeType)))
        return payload;
    const QJsonObject root =
        QJsonDocument::fromJson(data->data(QString::fromLatin1(kContainerMimeType))).object();
    payload.anchor = root.value(u"anchor"_s).toString();
    for (const QJsonValue &item : root.value(u"containers"_s).toArray()) {
        DraggedContainer c{item[u"id"_s].toString(), item[u"storageId"_s].toString(),
                           item[u"position"_s].toString()};
        if (c.id.isEmpty())
            return {};
        payload.containers.append(c);
    }
    return payload;
}

} // namespace benchtop::models
