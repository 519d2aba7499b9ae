// Inventory resources: locations, boxes, plates, containers and their schemas.
#pragma once

#include "Resource.h"

#include <optional>

namespace benchtop::models {

class Location : public Resource
{
public:
    using Resource::Resource;
    static Location fromJson(const QJsonObject &json) { return Location(json); }
    QString barcode() const { return string(u"barcode"); }
    QString parentStorageId() const { return string(u"parentStorageId"); }
};

class Box : public Location
{
public:
    using Location::Location;
    static Box fromJson(const QJsonObject &json) { return Box(json); }
    int size() const { return m_json.value(QStringLiteral("size")).toInt(); }
    int filledPositions() const { return m_json.value(QStringLiteral("filledPositions")).toInt(); }
    int emptyPositions() const { return m_json.value(QStringLiteral("emptyPositions")).toInt(); }
};

class Plate : public Box
{
public:
    using Box::Box;
    static Plate fromJson(const QJsonObject &json) { return Plate(json); }
    // Well id by coordinate ("A1"), for plates whose answer carries "wells".
    QString wellAt(const QString &position) const
    {
        return m_json.value(QStringLiteral("wells"))
            .toObject()
            .value(position)
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
    }
};

// A row and column of a grid, from 0; "B3" is row 1, column 2.
struct GridCell
{
    int row = 0;
    int column = 0;
    bool operator==(const GridCell &) const = default;
};

// Box, plate and location schemas: a grid of height × width positions for boxes and plates.
class StorageSchema : public Resource
{
public:
    using Resource::Resource;
    static StorageSchema fromJson(const QJsonObject &json) { return StorageSchema(json); }
    int height() const { return m_json.value(QStringLiteral("height")).toInt(); }
    int width() const { return m_json.value(QStringLiteral("width")).toInt(); }
    QString containerSchemaId() const
    {
        return m_json.value(QStringLiteral("containerSchema"))
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
    }

    static QString positionName(GridCell cell);
    // The cell of "B3", or nothing for a name that is not a coordinate.
    static std::optional<GridCell> cellOf(QStringView position);
};

class Container : public Resource
{
public:
    using Resource::Resource;
    static Container fromJson(const QJsonObject &json) { return Container(json); }
    QString barcode() const { return string(u"barcode"); }
    // As the server names it: "box_x" for a box's tube, "plt_x:A1" for a well.
    QString parentStorageId() const { return string(u"parentStorageId"); }
    // The box, plate or location alone, without a coordinate.
    QString storageId() const;
    // The coordinate in its box or plate ("B3"), or empty.
    QString position() const;
    // Where the container would be after a move (as a pending value shows it).
    void setStorage(const QString &storageId, const QString &position);
    double quantityValue() const;
    QString quantityUnits() const;
    QStringList contentEntityIds() const;
    QString checkoutStatus() const
    {
        return m_json.value(QStringLiteral("checkoutRecord"))
            .toObject()
            .value(QStringLiteral("status"))
            .toString();
    }
};

} // namespace benchtop::models
