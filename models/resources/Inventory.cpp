#include "Inventory.h"

using namespace Qt::StringLiterals;

namespace benchtop::models {

QString StorageSchema::positionName(GridCell cell)
{
    QString letters;
    for (int row = cell.row; row >= 0; row = row / 26 - 1)
        letters.prepend(QChar(u'A' + row % 26));
    return letters + QString::number(cell.column + 1);
}

std::optional<GridCell> StorageSchema::cellOf(QStringView position)
{
    qsizetype i = 0;
    int row = 0;
    while (i < position.size() && position[i].isLetter() && position[i].isUpper()) {
        row = row * 26 + (position[i].unicode() - u'A' + 1);
        ++i;
    }
    if (i == 0 || i == position.size())
        return std::nullopt;
    bool ok = false;
    const int column = position.mid(i).toInt(&ok);
    if (!ok || column < 1)
        return std::nullopt;
    return GridCell{row - 1, column - 1};
}

QString Container::storageId() const
{
    const QString parent = parentStorageId();
    const qsizetype colon = parent.indexOf(u':');
    return colon < 0 ? parent : parent.left(colon);
}

QString Container::position() const
{
    const QString grid = string(u"gridPosition");
    if (!grid.isEmpty())
        return grid;
    const QString parent = parentStorageId();
    const qsizetype colon = parent.indexOf(u':');
    return colon < 0 ? QString() : parent.mid(colon + 1);
}

void Container::setStorage(const QString &storage, const QString &position)
{
    m_json.insert(u"parentStorageId"_s, storage.startsWith(u"plt_"_s) && !position.isEmpty()
                                            ? QJsonValue(QString(storage + u':' + position))
                                            : QJsonValue(storage));
    m_json.insert(u"gridPosition"_s, position.isEmpty() ? QJsonValue() : QJsonValue(position));
}

double Container::quantityValue() const
{
    return m_json.value(u"quantity"_s).toObject().value(u"value"_s).toDouble();
}

QString Container::quantityUnits() const
{
    return m_json.value(u"quantity"_s).toObject().value(u"units"_s).toString();
}

QStringList Container::contentEntityIds() const
{
    QStringList ids;
    for (const QJsonValue &content : m_json.value(u"contents"_s).toArray())
        ids.append(content[u"entity"_s][u"id"_s].toString());
    return ids;
}

} // namespace benchtop::models
