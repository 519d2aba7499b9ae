#include "Ids.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace benchtop::server {

QString newId(QStringView prefix)
{
    static constexpr char alphabet[] =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString id = prefix.toString();
    for (int i = 0; i < 8; ++i)
        id += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]);
    return id;
}

QString timestampNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace benchtop::server
