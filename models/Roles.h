// Roles shared by every Benchtop item model. They carry whole values and load state so that they
// survive proxy models: views never cast an index to its source model (DESIGN §2).
#pragma once

#include <Qt>

namespace benchtop::models {

enum Role {
    IdRole = Qt::UserRole + 1, // QString: the API id ("loc_...")
    ResourceRole,              // QJsonObject: the resource as the store holds it
    LoadStateRole,             // int (LoadState): of the item's children, or of the item itself
    ErrorRole,                 // QString: why loading (or the last change of) the item failed
    PendingRole,               // bool: a change of the item is on its way to the server
    PositionRole,              // QString: a grid coordinate ("B3") in box and plate models
};

enum class LoadState { NotLoaded, Loading, Loaded, Failed };

} // namespace benchtop::models
