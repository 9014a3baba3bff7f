using System.Text.Json.Serialization;
using Dodo.Payments.Json;

namespace Dodo.Payments.Models;

// Each enum's zero member is Unknown: a value Dodo adds after this code was written lands there.

[JsonConverter(typeof(TolerantEnumConverter<PaymentStatus>))]
public enum PaymentStatus
{
    Unknown = 0,
    Succeeded,
    Failed,
    Cancelled,
    Processing,
    RequiresCustomerAction,
    RequiresMerchantAction,
    RequiresPaymentMethod,
    RequiresConfirmation,
    RequiresCapture,
    PartiallyCaptured,
    PartiallyCapturedAndCapturable,
}

[JsonConverter(typeof(TolerantEnumConverter<RefundStatus>))]
public enum RefundStatus
{
    Unknown = 0,
    Succeeded,
    Failed,
    Pending,
    Review,
}

[JsonConverter(typeof(TolerantEnumConverter<SubscriptionStatus>))]
public enum SubscriptionStatus
{
    Unknown = 0,
    Pending,
    Active,
    OnHold,
    Paused,
    Cancelled,
    Failed,
    Expired,
}

[JsonConverter(typeof(TolerantEnumConverter<TimeInterval>))]
public enum TimeInterval
{
    Unknown = 0,
    [JsonStringEnumMemberName("Day")] Day,
    [JsonStringEnumMemberName("Week")] Week,
    [JsonStringEnumMemberName("Month")] Month,
    [JsonStringEnumMemberName("Year")] Year,
}

[JsonConverter(typeof(TolerantEnumConverter<ProrationBillingMode>))]
public enum ProrationBillingMode
{
    Unknown = 0,
    ProratedImmediately,
    FullImmediately,
    DifferenceImmediately,
    DoNotBill,
}

[JsonConverter(typeof(TolerantEnumConverter<ChangeEffectiveAt>))]
public enum ChangeEffectiveAt
{
    Unknown = 0,
    Immediately,
    NextBillingDate,
}

[JsonConverter(typeof(TolerantEnumConverter<OnPaymentFailure>))]
public enum OnPaymentFailure
{
    Unknown = 0,
    PreventChange,
    ApplyChange,
}

[JsonConverter(typeof(TolerantEnumConverter<PriceType>))]
public enum PriceType
{
    Unknown = 0,
    OneTimePrice,
    RecurringPrice,
    UsageBasedPrice,
}

[JsonConverter(typeof(TolerantEnumConverter<PaymentMethodCategory>))]
public enum PaymentMethodCategory
{
    Unknown = 0,
    Card,
    CardRedirect,
    PayLater,
    Wallet,
    BankRedirect,
    BankTransfer,
    Crypto,
    BankDebit,
    Reward,
    RealTimePayment,
    Upi,
    Voucher,
    GiftCard,
    OpenBanking,
    MobilePayment,
}
