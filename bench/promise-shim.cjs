// serializeapp@3.0.0 calls require('promise') (the Promises/A+ package) without declaring it; it
// only uses Promise.all, which the native Promise provides with the same meaning (bench only).
module.exports = Promise;
