// A container's quantity and its contents' concentrations: a value with units (the spec's
// ContainerQuantity, DeprecatedContainerVolumeForInput and Measurement), read from request
// bodies, kept in a row's data, converted between units of one dimension and written for
// messages.
#pragma once

#include "server/ApiError.h"
#include "server/Resources.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>
#include <variant>

namespace benchtop::server::inventory {

// The units a quantity takes; the deprecated volume fields take only the volume units.
extern const QStringList kQuantityUnits;
extern const QStringList kVolumeUnits;

struct Quantity
{
    std::optional<double> value;
    QString units; // null when none
};

// `amount` (in `from` units) expressed in `to` units; nullopt if they do not compare.
std::optional<double> convert(double amount, const QString &from, const QString &to);
QJsonObject quantityJson(const Quantity &quantity);
Quantity storedQuantity(const ResourceRow &row);
void storeQuantity(ResourceRow &row, const Quantity &quantity);
// "12.5 uL", or "no recorded quantity".
QString formatQuantity(const Quantity &quantity);
// Reads a ContainerQuantity / DeprecatedContainerVolumeForInput / Measurement object.
std::variant<Quantity, ApiFailure> readQuantity(const QJsonValue &value, const QString &field,
                                                const QStringList &allowedUnits,
                                                bool bothOrNeither);

} // namespace benchtop::server::inventory
